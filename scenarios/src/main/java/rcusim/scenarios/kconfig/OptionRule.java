package rcusim.scenarios.kconfig;

/**
 * What rcusim does with one Kconfig option or boot parameter.
 *
 * @param kind how it is treated
 * @param why for {@link Kind#HARMLESS} and {@link Kind#REFUSED}: what the option does and why
 *     rcusim may (or may not) run without it
 */
record OptionRule(Kind kind, String why) {
    enum Kind {
        /** Read into the configuration (or checked against it) by {@link ConfigMapper}. */
        MODELLED,
        /** Not modelled, and cannot change what RCU does: a warning when it is on, silence when off. */
        HARMLESS,
        /** Not modelled, and would change what RCU does: exit 3 when it is on; off is what rcusim runs. */
        REFUSED
    }

    static OptionRule modelled() {
        return new OptionRule(Kind.MODELLED, "");
    }

    static OptionRule harmless(String why) {
        return new OptionRule(Kind.HARMLESS, why);
    }

    static OptionRule refused(String why) {
        return new OptionRule(Kind.REFUSED, why);
    }
}
