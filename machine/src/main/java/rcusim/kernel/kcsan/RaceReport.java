package rcusim.kernel.kcsan;

import rcusim.machine.memory.Address;

/**
 * KCSAN's report of a race, in its layout: the title naming both sites (sorted, so that the
 * same pair gives the same title whichever access came first), then each access with what it
 * was, the location, who made it on which CPU and its stack, then the value change.
 */
final class RaceReport {
    private static final String RULE = "==================================================================";

    private RaceReport() {
    }

    static String format(Access earlier, Access now, int loc) {
        boolean assertion = earlier.isAssert() || now.isAssert();
        String a = now.site.function();
        String b = earlier.site.function();
        String first = a.compareTo(b) <= 0 ? a : b;
        String second = a.compareTo(b) <= 0 ? b : a;
        StringBuilder sb = new StringBuilder();
        sb.append("BUG: KCSAN: ").append(assertion ? "assert: race" : "data-race").append(" in ").append(first)
                .append(" / ").append(second).append('\n');
        sb.append(RULE).append('\n');
        describe(sb, now, loc);
        sb.append('\n');
        describe(sb, earlier, loc);
        Access w = now.writes() ? now : earlier.writes() ? earlier : null;
        if (w != null) {
            sb.append('\n').append(w.value == w.old ? "value unchanged: 0x" + Long.toHexString(w.value)
                    : "value changed: 0x" + Long.toHexString(w.old) + " -> 0x" + Long.toHexString(w.value)).append('\n');
        }
        sb.append(RULE);
        return sb.toString();
    }

    private static void describe(StringBuilder sb, Access x, int loc) {
        String what = switch (x.type) {
            case Access.ASSERT_WRITER -> x.mask == -1L ? "assert no writes" : "assert no changes of bits 0x"
                    + Long.toHexString(x.mask);
            case Access.ASSERT_ACCESS -> "assert no accesses";
            case Access.WRITE -> x.plain ? "write" : "write (marked)";
            default -> x.plain ? "read" : "read (marked)";
        };
        sb.append(what).append(" to 0x").append(Long.toHexString(Address.of(loc))).append(" (location ").append(loc)
                .append(") of 8 bytes by ").append(x.who).append(" on cpu ").append(x.cpu).append(":\n");
        if (x.site.frames().isEmpty()) {
            sb.append("  ").append(x.op).append(" (a marked access: its stack is not recorded)\n");
        } else {
            for (String f : x.site.frames()) {
                sb.append("  ").append(f).append('\n');
            }
        }
    }
}
