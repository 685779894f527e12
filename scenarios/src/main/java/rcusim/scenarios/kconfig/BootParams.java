package rcusim.scenarios.kconfig;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A kernel boot line as kvm.sh builds it from NAME.boot: lines starting with {@code #} are
 * dropped, the rest joined with spaces and split into words, each {@code name=value} or a bare
 * {@code name}. A parameter given twice takes its last value (the kernel applies them in
 * order). Later lines (e.g. a scenario file's own, or kvm.sh's --bootargs) go after.
 */
public final class BootParams {
    private final Map<String, BootParam> params = new LinkedHashMap<>();

    private BootParams() {
    }

    public static BootParams empty() {
        return new BootParams();
    }

    /** Reads text as lines of file, the first numbered firstLine. */
    public static BootParams parse(String file, int firstLine, String text) {
        BootParams b = new BootParams();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.startsWith("#")) {
                continue;
            }
            int at = 0;
            while (at < line.length()) {
                while (at < line.length() && Character.isWhitespace(line.charAt(at))) {
                    at++;
                }
                int start = at;
                while (at < line.length() && !Character.isWhitespace(line.charAt(at))) {
                    at++;
                }
                if (at > start) {
                    b.add(line.substring(start, at), new Origin(file, firstLine + i, start + 1));
                }
            }
        }
        return b;
    }

    private void add(String word, Origin o) {
        int eq = word.indexOf('=');
        if (eq == 0) {
            throw o.error("boot parameter '" + word + "': expected name=value or a bare name");
        }
        // the kernel treats '-' and '_' in parameter names alike; we spell them with '_'
        String name = (eq < 0 ? word : word.substring(0, eq)).replace('-', '_');
        BootParam p = new BootParam(name, eq < 0 ? null : word.substring(eq + 1), o);
        params.remove(name);
        params.put(name, p);
    }

    /** This boot line followed by later's parameters (later wins). */
    public BootParams then(BootParams later) {
        BootParams b = new BootParams();
        b.params.putAll(params);
        later.params.values().forEach(p -> {
            b.params.remove(p.name());
            b.params.put(p.name(), p);
        });
        return b;
    }

    public Collection<BootParam> params() {
        return List.copyOf(params.values());
    }

    public BootParam get(String name) {
        return params.get(name);
    }
}
