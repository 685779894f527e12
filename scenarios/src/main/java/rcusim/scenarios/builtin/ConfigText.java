package rcusim.scenarios.builtin;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.StringJoiner;

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
