package rcusim.scenarios.kconfig;

/**
 * One kernel boot parameter: {@code name=value} or a bare {@code name} (value null).
 *
 * @param origin where it is; its column is the name's
 */
public record BootParam(String name, String value, Origin origin) {
    public String text() {
        return value == null ? name : name + "=" + value;
    }

    /** The value as an int, or exit 3 naming the parameter. */
    public int intValue() {
        if (value == null) {
            throw origin.error(name + ": expected " + name + "=NUMBER");
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw origin.at(origin.col() + name.length() + 1).error(text() + ": expected a number");
        }
    }

    /** Nonzero (a bare flag counts as set). */
    public boolean enabled() {
        if (value == null) {
            return true;
        }
        return !value.equals("0") && !value.equalsIgnoreCase("n") && !value.equalsIgnoreCase("off")
                && !value.equalsIgnoreCase("false");
    }
}
