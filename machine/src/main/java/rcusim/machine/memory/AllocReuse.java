package rcusim.machine.memory;

import java.util.Locale;

/**
 * Whether the allocator hands a freed block out again. {@link #NONE} (the default) never
 * reuses an address, so that a stale pointer can only ever reach freed memory, where every
 * access fails as a use after free. {@link #LIFO} hands out the most recently freed block of
 * the requested size first, as a slab's per-CPU freelist does, so that an address comes back
 * as a new object and the ABA of a lock-free LIFO stack can happen; pointers loaded before the
 * free are then tracked as zombie pointers ({@code docs/kernel.md}, "Zombie pointers").
 */
public enum AllocReuse {
    NONE, LIFO;

    /** The name as configuration spells it: {@code none}, {@code lifo}. */
    public String spelling() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The choice spelled s ({@code none} or {@code lifo}).
     *
     * @throws IllegalArgumentException naming the choices, for anything else
     */
    public static AllocReuse parse(String s) {
        for (AllocReuse r : values()) {
            if (r.spelling().equals(s)) {
                return r;
            }
        }
        throw new IllegalArgumentException("alloc_reuse must be none or lifo, got '" + s + "'");
    }
}
