package rcusim.scenarios.kconfig;

/**
 * One line of a Kconfig fragment: {@code CONFIG_NAME=VALUE}, {@code # CONFIG_NAME is not set}
 * (value "n"), or {@code #CHECK#CONFIG_NAME=VALUE}, which kvm.sh does not set but checks in the
 * built kernel's .config.
 *
 * @param name the option without its CONFIG_ prefix
 * @param value y, n, m, a number or a string, as written (quotes kept)
 * @param checkOnly a #CHECK# line
 * @param origin where the line is; its column is the option name's
 * @param valueCol the value's column, for errors about the value
 */
public record KconfigSetting(String name, String value, boolean checkOnly, Origin origin, int valueCol) {
    /** As the line reads, e.g. {@code CONFIG_RCU_BOOST=y}. */
    public String text() {
        return "CONFIG_" + name + "=" + value;
    }

    /** y or m: built in; anything but n and 0 for a number. */
    public boolean enabled() {
        return !value.equals("n") && !value.equals("0") && !value.equals("\"\"");
    }

    /** The value as an int, or exit 3 naming it. */
    public int intValue() {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw origin.at(valueCol).error(text() + ": expected a number");
        }
    }

    /** The value as a bool (y or n; m counts as y), or exit 3 naming it. */
    public boolean bool() {
        return switch (value) {
            case "y", "m" -> true;
            case "n" -> false;
            default -> throw origin.at(valueCol).error(text() + ": expected y or n");
        };
    }
}
