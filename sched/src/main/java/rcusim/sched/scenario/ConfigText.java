package rcusim.sched.scenario;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * A record's text as {@code Name[a=1, b=[2, 3]]}, stable across runs and JVMs: unlike a
 * record's own toString(), arrays show their contents, not an identity hash.
 */
public final class ConfigText {
    private ConfigText() {
    }

    public static String of(Record r) {
        StringJoiner j = new StringJoiner(", ", r.getClass().getSimpleName() + "[", "]");
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                v = c.getAccessor().invoke(r);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass(), e);
            }
            j.add(c.getName() + "=" + text(v));
        }
        return j.toString();
    }

    /**
     * A configuration flattened to dotted keys, e.g. {@code rcu.fanout -> 2}: records give one
     * key per component (nested records nest), anything else one key with its text.
     */
    public static SortedMap<String, String> flatten(Map<String, ?> parts) {
        SortedMap<String, String> out = new TreeMap<>();
        parts.forEach((k, v) -> flatten(k, v, out));
        return out;
    }

    private static void flatten(String key, Object v, SortedMap<String, String> out) {
        if (v instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                try {
                    flatten(key + "." + c.getName(), c.getAccessor().invoke(r), out);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass(), e);
                }
            }
        } else {
            out.put(key, text(v));
        }
    }

    private static String text(Object v) {
        if (v instanceof Record r) {
            return of(r);
        }
        if (v instanceof int[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof long[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof boolean[] a) {
            return Arrays.toString(a);
        }
        if (v instanceof Object[] a) {
            return Arrays.deepToString(a);
        }
        return String.valueOf(v);
    }
}
