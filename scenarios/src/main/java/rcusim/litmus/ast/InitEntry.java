package rcusim.litmus.ast;

/**
 * One entry of the initial-state block {@code { ... }}. A null {@code type} means none was
 * written; a null {@code value} means the entry only declares ({@code int x;},
 * {@code spinlock_t r;}, {@code int * 1:r1;}), so the value is 0.
 * {@code ATOMIC_INIT(n)} yields an {@link IntValue}; {@code NULL} yields {@code IntValue 0}.
 */
public sealed interface InitEntry {

    Pos pos();

    /** Nullable. */
    CType type();

    /** Nullable. */
    InitValue value();

    /** {@code x=0;}, {@code x1=y1;}, {@code int *p = &u;}, {@code atomic_t a = ATOMIC_INIT(2);} */
    record LocationInit(Pos pos, CType type, String location, InitValue value) implements InitEntry {}

    /** {@code 1:r2=b;}, {@code int 0:r1 = z;}, {@code int * 1:r1;} */
    record RegisterInit(Pos pos, CType type, int proc, String register, InitValue value)
            implements InitEntry {}
}
