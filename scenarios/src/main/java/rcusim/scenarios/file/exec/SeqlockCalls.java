package rcusim.scenarios.file.exec;

import java.util.List;
import java.util.Set;
import rcusim.kernel.Kernel;
import rcusim.kernel.Mutex;
import rcusim.kernel.RawSpinlock;
import rcusim.kernel.seqlock.Seqcount;
import rcusim.kernel.seqlock.SeqcountLatch;
import rcusim.kernel.seqlock.Seqlock;
import rcusim.machine.SimFailure;
import rcusim.scenarios.file.ast.Expr;
import rcusim.scenarios.file.exec.Code.Ex;
import rcusim.scenarios.file.exec.ExprCompiler.Typed;

/**
 * The sequence-lock calls of scenario files ({@code read_seqcount_begin(&s)},
 * {@code write_seqlock(&sl)}, {@code raw_write_seqcount_latch(&l)}, ...), on the kernel objects
 * {@code seqcount_t}, {@code seqcount_raw_spinlock_t}, {@code seqcount_mutex_t},
 * {@code seqlock_t} and {@code seqcount_latch_t}. A {@code seqcount_LOCKNAME_t} is bound to its
 * lock by {@code seqcount_LOCKNAME_init(&s, &lock)} before its first use.
 */
final class SeqlockCalls {
    /** The seqcount types a file may declare; the LOCKNAME ones need their init call. */
    static final Set<String> SEQCOUNT_TYPES = Set.of("seqcount_t", "seqcount_raw_spinlock_t", "seqcount_mutex_t");
    static final Set<String> TYPES = Set.of("seqcount_t", "seqcount_raw_spinlock_t", "seqcount_mutex_t", "seqlock_t",
            "seqcount_latch_t");

    static final List<String> NAMES = List.of("read_seqcount_begin", "raw_read_seqcount_begin", "raw_read_seqcount",
            "read_seqcount_retry", "write_seqcount_begin", "raw_write_seqcount_begin", "write_seqcount_end",
            "raw_write_seqcount_end", "write_seqcount_invalidate", "seqcount_init", "seqcount_raw_spinlock_init",
            "seqcount_mutex_init", "read_seqbegin", "read_seqretry", "write_seqlock", "write_sequnlock",
            "write_seqlock_bh", "write_sequnlock_bh", "write_seqlock_irq", "write_sequnlock_irq",
            "write_seqlock_irqsave", "write_sequnlock_irqrestore", "read_seqlock_excl", "read_sequnlock_excl",
            "read_seqbegin_or_lock", "need_seqretry", "done_seqretry", "raw_write_seqcount_latch",
            "read_seqcount_latch", "read_seqcount_latch_retry");

    /** A seqcount_LOCKNAME_t before its init call: which lock type it waits for. */
    record Unbound(String type, String name) {
    }

    private final KernelCalls kc;
    private final ExprCompiler x;

    SeqlockCalls(KernelCalls kc, ExprCompiler x) {
        this.kc = kc;
        this.x = x;
    }

    /** The object a declaration of one of {@link #TYPES} makes at load. */
    static Object create(String type, String name, Kernel k0) {
        return switch (type) {
            case "seqcount_t" -> Seqcount.create(k0, name, null);
            case "seqlock_t" -> Seqlock.create(k0, name, null);
            case "seqcount_latch_t" -> SeqcountLatch.create(k0, name, null);
            default -> new Unbound(type, name);
        };
    }

    Typed call(Expr.Call c) {
        List<Expr> a = c.args();
        String name = c.function();
        return switch (name) {
            case "read_seqcount_begin", "raw_read_seqcount_begin" -> {
                Ex s = seqcount(c, 1);
                yield KernelCalls.typed(f -> f.k.readSeqcountBegin(sc(f, s, name)));
            }
            case "raw_read_seqcount" -> {
                Ex s = seqcount(c, 1);
                yield KernelCalls.typed(f -> f.k.rawReadSeqcount(sc(f, s, name)));
            }
            case "read_seqcount_retry" -> {
                Ex s = seqcount(c, 2);
                Ex start = kc.val(a.get(1));
                yield KernelCalls.typed(f -> f.k.readSeqcountRetry(sc(f, s, name), start.eval(f)) ? 1 : 0);
            }
            case "write_seqcount_begin" -> {
                Ex s = seqcount(c, 1);
                yield KernelCalls.stmt(f -> f.k.writeSeqcountBegin(sc(f, s, name)));
            }
            case "raw_write_seqcount_begin" -> {
                Ex s = seqcount(c, 1);
                yield KernelCalls.stmt(f -> f.k.rawWriteSeqcountBegin(sc(f, s, name)));
            }
            case "write_seqcount_end", "raw_write_seqcount_end" -> {
                Ex s = seqcount(c, 1);
                yield KernelCalls.stmt(f -> f.k.writeSeqcountEnd(sc(f, s, name)));
            }
            case "write_seqcount_invalidate" -> {
                Ex s = seqcount(c, 1);
                yield KernelCalls.stmt(f -> f.k.writeSeqcountInvalidate(sc(f, s, name)));
            }
            case "seqcount_init" -> {
                of(c, 1, 0, "seqcount_t");
                yield KernelCalls.stmt(f -> {
                }); // a declared seqcount_t starts at 0 already
            }
            case "seqcount_raw_spinlock_init", "seqcount_mutex_init" -> {
                boolean raw = name.equals("seqcount_raw_spinlock_init");
                Ex s = of(c, 2, 0, raw ? "seqcount_raw_spinlock_t" : "seqcount_mutex_t");
                Ex l = of(c, 2, 1, raw ? "raw_spinlock_t" : "struct mutex");
                yield KernelCalls.stmt(f -> {
                    int h = (int) s.eval(f);
                    Object lock = f.rs.objects[(int) l.eval(f)];
                    String n = f.rs.objects[h] instanceof Unbound u ? u.name() : f.rs.objects[h].toString();
                    f.rs.objects[h] = raw ? Seqcount.withRawSpinlock(f.k, n, (RawSpinlock) lock, null)
                            : Seqcount.withMutex(f.k, n, (Mutex) lock, null);
                });
            }
            case "read_seqbegin" -> {
                Ex s = of(c, 1, 0, "seqlock_t");
                yield KernelCalls.typed(f -> f.k.readSeqbegin(sl(f, s)));
            }
            case "read_seqretry", "need_seqretry" -> {
                Ex s = of(c, 2, 0, "seqlock_t");
                Ex start = kc.val(a.get(1));
                boolean need = name.equals("need_seqretry");
                yield KernelCalls.typed(f -> (need ? f.k.needSeqretry(sl(f, s), start.eval(f))
                        : f.k.readSeqretry(sl(f, s), start.eval(f))) ? 1 : 0);
            }
            case "write_seqlock", "write_sequnlock", "write_seqlock_bh", "write_sequnlock_bh", "write_seqlock_irq",
                    "write_sequnlock_irq", "read_seqlock_excl", "read_sequnlock_excl" -> {
                Ex s = of(c, 1, 0, "seqlock_t");
                yield KernelCalls.stmt(f -> seqlockOp(f.k, name, sl(f, s)));
            }
            case "write_seqlock_irqsave" -> {
                Ex s = of(c, 2, 0, "seqlock_t");
                Code.Place flags = kc.local(c, 1);
                yield KernelCalls.stmt(f -> flags.store(f, f.k.writeSeqlockIrqsave(sl(f, s))));
            }
            case "write_sequnlock_irqrestore" -> {
                Ex s = of(c, 2, 0, "seqlock_t");
                Ex flags = kc.val(a.get(1));
                yield KernelCalls.stmt(f -> f.k.writeSequnlockIrqrestore(sl(f, s), flags.eval(f)));
            }
            case "read_seqbegin_or_lock" -> {
                Ex s = of(c, 2, 0, "seqlock_t");
                Expr target = a.get(1) instanceof Expr.Unary u && u.op().equals("&") ? u.operand() : null;
                if (target == null) {
                    throw x.error(a.get(1).pos(), "read_seqbegin_or_lock() takes &seq, the address of the sequence"
                            + " variable, as argument 2");
                }
                ExprCompiler.PlaceT seq = x.place(target);
                Code.Place p = seq.place();
                Ex now = x.value(target).ex();
                yield KernelCalls.stmt(f -> p.store(f, f.k.readSeqbeginOrLock(sl(f, s), now.eval(f))));
            }
            case "done_seqretry" -> {
                Ex s = of(c, 2, 0, "seqlock_t");
                Ex seq = kc.val(a.get(1));
                yield KernelCalls.stmt(f -> f.k.doneSeqretry(sl(f, s), seq.eval(f)));
            }
            case "raw_write_seqcount_latch" -> {
                Ex s = of(c, 1, 0, "seqcount_latch_t");
                yield KernelCalls.stmt(f -> f.k.rawWriteSeqcountLatch(latch(f, s)));
            }
            case "read_seqcount_latch" -> {
                Ex s = of(c, 1, 0, "seqcount_latch_t");
                yield KernelCalls.typed(f -> f.k.readSeqcountLatch(latch(f, s)));
            }
            case "read_seqcount_latch_retry" -> {
                Ex s = of(c, 2, 0, "seqcount_latch_t");
                Ex start = kc.val(a.get(1));
                yield KernelCalls.typed(f -> f.k.readSeqcountLatchRetry(latch(f, s), start.eval(f)) ? 1 : 0);
            }
            default -> throw new IllegalStateException("not a sequence-lock call: " + name);
        };
    }

    private static void seqlockOp(Kernel k, String name, Seqlock sl) {
        switch (name) {
            case "write_seqlock" -> k.writeSeqlock(sl);
            case "write_sequnlock" -> k.writeSequnlock(sl);
            case "write_seqlock_bh" -> k.writeSeqlockBh(sl);
            case "write_sequnlock_bh" -> k.writeSequnlockBh(sl);
            case "write_seqlock_irq" -> k.writeSeqlockIrq(sl);
            case "write_sequnlock_irq" -> k.writeSequnlockIrq(sl);
            case "read_seqlock_excl" -> k.readSeqlockExcl(sl);
            default -> k.readSequnlockExcl(sl);
        }
    }

    /** Argument 0 of an n-argument call: a pointer to any seqcount type. */
    private Ex seqcount(Expr.Call c, int n) {
        kc.arity(c, n);
        Expr e = c.args().get(0);
        Typed t = x.value(e);
        if (!(t.type().pointers() == 1 && SEQCOUNT_TYPES.contains(t.type().base()))) {
            throw x.error(e.pos(), c.function() + "() takes a seqcount_t * (or seqcount_raw_spinlock_t *,"
                    + " seqcount_mutex_t *) as argument 1, got " + t.type());
        }
        return t.ex();
    }

    /** Argument i of an n-argument call: a pointer to base. */
    private Ex of(Expr.Call c, int n, int i, String base) {
        return kc.pointer(c, n, i, base);
    }

    private Seqcount sc(Frame f, Ex handle, String call) {
        Object o = f.rs.objects[(int) handle.eval(f)];
        if (o instanceof Unbound u) {
            String init = u.type().replace("_t", "_init");
            throw new SimFailure(SimFailure.Kind.BUG, call + "() on " + u.type() + " " + u.name() + " before " + init
                    + "(&" + u.name() + ", &lock) bound it to its lock (" + x.sym.file + ")");
        }
        return (Seqcount) o;
    }

    private static Seqlock sl(Frame f, Ex handle) {
        return (Seqlock) f.rs.objects[(int) handle.eval(f)];
    }

    private static SeqcountLatch latch(Frame f, Ex handle) {
        return (SeqcountLatch) f.rs.objects[(int) handle.eval(f)];
    }
}
