package rcusim.scenarios.kconfig;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Kconfig fragment as kvm.sh merges it: CFcommon first, then the scenario's file, each line
 * setting one option and a later line for the same option winning (the kernel's
 * merge_config/olddefconfig rule). {@code #CHECK#} lines are kept apart: kvm.sh does not set
 * them, it checks afterwards that the built kernel has them. Other {@code #} lines and blank
 * lines are comments; anything else is an error naming file:line:col.
 */
public final class KconfigFragment {
    private static final Pattern SET = Pattern.compile("CONFIG_([A-Za-z0-9_]+)=(\\S*)\\s*");
    private static final Pattern NOT_SET = Pattern.compile("#\\s*CONFIG_([A-Za-z0-9_]+) is not set\\s*");

    private final Map<String, KconfigSetting> settings = new LinkedHashMap<>();
    private final Map<String, KconfigSetting> checks = new LinkedHashMap<>();

    private KconfigFragment() {
    }

    /** An empty fragment (no CFcommon). */
    public static KconfigFragment empty() {
        return new KconfigFragment();
    }

    /**
     * Reads text as lines of file, the first numbered firstLine (a scenario file's header
     * starts further down).
     */
    public static KconfigFragment parse(String file, int firstLine, String text) {
        KconfigFragment f = new KconfigFragment();
        f.add(file, firstLine, text);
        return f;
    }

    /** This fragment followed by later's lines (later wins). */
    public KconfigFragment then(KconfigFragment later) {
        KconfigFragment f = new KconfigFragment();
        f.settings.putAll(settings);
        f.checks.putAll(checks);
        later.settings.values().forEach(s -> f.put(f.settings, s));
        later.checks.values().forEach(s -> f.put(f.checks, s));
        return f;
    }

    private void add(String file, int firstLine, String text) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            int col = line.indexOf(trimmed) + 1;
            Origin o = new Origin(file, firstLine + i, col);
            if (trimmed.isEmpty()) {
                continue;
            }
            boolean check = trimmed.startsWith("#CHECK#");
            String body = check ? trimmed.substring("#CHECK#".length()) : trimmed;
            Matcher notSet = NOT_SET.matcher(body);
            if (notSet.matches()) {
                put(check ? checks : settings, new KconfigSetting(notSet.group(1), "n", check, o, col));
                continue;
            }
            if (!check && body.startsWith("#")) {
                continue;
            }
            Matcher m = SET.matcher(body);
            int nameCol = col + (check ? "#CHECK#".length() : 0);
            if (!m.matches()) {
                throw o.at(nameCol).error("expected CONFIG_NAME=VALUE, '# CONFIG_NAME is not set', #CHECK#CONFIG_NAME=VALUE"
                        + " or a # comment, found '" + trimmed + "'");
            }
            if (m.group(2).isEmpty()) {
                throw o.at(nameCol + m.start(2)).error("CONFIG_" + m.group(1) + "=: expected a value (y, n, m, a number or a string)");
            }
            int valueCol = nameCol + m.start(2);
            put(check ? checks : settings, new KconfigSetting(m.group(1), m.group(2), check, o.at(nameCol), valueCol));
        }
    }

    private void put(Map<String, KconfigSetting> into, KconfigSetting s) {
        into.remove(s.name()); // re-inserted: the order is that of the lines that win
        into.put(s.name(), s);
    }

    /** The effective settings (later lines won), in the order of the lines that set them. */
    public Collection<KconfigSetting> settings() {
        return List.copyOf(settings.values());
    }

    /** The #CHECK# lines. */
    public Collection<KconfigSetting> checks() {
        return List.copyOf(checks.values());
    }

    /** The effective setting of option name (without CONFIG_), or null. */
    public KconfigSetting get(String name) {
        return settings.get(name);
    }

    /** For tests: the settings as NAME=VALUE strings. */
    List<String> texts() {
        List<String> out = new ArrayList<>();
        settings.values().forEach(s -> out.add(s.text()));
        return out;
    }
}
