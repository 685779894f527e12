package rcusim.scenarios.file.ast;

import java.util.List;
import rcusim.litmus.ast.Pos;

/**
 * A parsed scenario file: its header, declarations, tasks and interrupt handlers, final clause
 * and expectation, in file order.
 *
 * @param file the path as given
 * @param text the whole text (its hash is part of the scenario's configuration)
 * @param header the machine header's entries, in file order (empty with a kconfig header)
 * @param kconfig the header in rcutorture's form, or null
 * @param finalClause the final clause, or null
 * @param expectation the expectation, or null (must pass)
 * @param schedule the scripted schedule block, or null
 */
public record ScenarioFile(String file, String text, List<HeaderEntry> header, KconfigHeader kconfig, List<StructDecl> structs,
        List<GlobalDecl> globals, List<FunctionDecl> functions, List<TaskDecl> tasks, List<IrqDecl> irqs,
        FinalClause finalClause, Expectation expectation, ScheduleBlock schedule) {

    /** {@code key = value;} in the {@code machine { }} header; value is a number, a word or a string. */
    public record HeaderEntry(Pos pos, String key, String value, Pos valuePos) {
    }

    /**
     * The machine in rcutorture's form: {@code kconfig { CONFIG_NAME=VALUE lines }}, {@code boot
     * "params";} and {@code description "text";}, each optional but at least one given.
     *
     * @param pos where the first of them starts (for "both forms" errors)
     * @param fragment the kconfig block's raw text (null when absent)
     * @param fragmentStart the position of the block's first character, just after its '{'
     * @param boot the boot line's text (null when absent)
     * @param bootStart the position of its first character, just after the opening quote
     * @param description the description, or ""
     */
    public record KconfigHeader(Pos pos, String fragment, Pos fragmentStart, String boot, Pos bootStart,
            String description) {
    }

    public record StructDecl(Pos pos, String name, List<FieldDecl> fields) {
    }

    public record FieldDecl(Pos pos, TypeRef type, String name, int arrayLength) {
    }

    /**
     * A global: {@code int x = 1;}, {@code struct foo *gp;}, {@code spinlock_t lock;},
     * {@code DEFINE_TIMER(t, fn);} (type timer_list, init the callback's name).
     */
    public record GlobalDecl(Pos pos, TypeRef type, String name, int arrayLength, Expr init, String callback) {
    }

    public record Param(Pos pos, TypeRef type, String name) {
    }

    public record FunctionDecl(Pos pos, TypeRef returnType, String name, List<Param> params, Stmt.Block body) {
    }

    /**
     * {@code task NAME cpu N [unbound] [user] { ... }}: a workload task first placed on CPU N,
     * bound to it unless unbound; a kthread unless user.
     */
    public record TaskDecl(Pos pos, String name, int cpu, Pos cpuPos, boolean unbound, boolean user, Stmt.Block body) {
    }

    /** {@code irq NAME cpu N { ... }}: a handler run in the scheduling-clock interrupt of CPU N. */
    public record IrqDecl(Pos pos, String name, int cpu, Pos cpuPos, Stmt.Block body) {
    }

    /** {@code exists (C)}, {@code ~exists (C)} or {@code forall (C)} over task locals and globals. */
    public record FinalClause(Pos pos, String quantifier, Cond cond) {
    }

    /** A final-clause condition. */
    public sealed interface Cond {
        Pos pos();

        /** {@code task:local OP n} (task null: a global) with OP one of = == != < <= > >=. */
        record Atom(Pos pos, String task, String name, String op, long value) implements Cond {
        }

        record Not(Pos pos, Cond cond) implements Cond {
        }

        record And(Pos pos, Cond left, Cond right) implements Cond {
        }

        record Or(Pos pos, Cond left, Cond right) implements Cond {
        }
    }

    /** {@code must pass;} or {@code must fail with "SIGNATURE";} (signature null for must pass). */
    public record Expectation(Pos pos, String signature) {
    }

    /** {@code schedule { ... }}: its raw text and where it starts. */
    public record ScheduleBlock(Pos pos, String text, int line) {
    }
}
