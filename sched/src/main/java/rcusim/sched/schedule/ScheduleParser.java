package rcusim.sched.schedule;

import java.util.ArrayList;
import java.util.List;
import rcusim.machine.Vector;
import rcusim.machine.decide.OptionKind;
import rcusim.sched.Strategies;

/**
 * Reads a schedule: one step a line, {@code #} starts a comment, blank lines are ignored, an
 * optional last {@code then STRATEGY}. The grammar (docs/schedules.md has the meaning of each):
 *
 * <pre>
 * step cpu N [x K]                     drain cpu N [entry E | all] [x K]
 * irq (tick|resched|ipi|irq_work) cpu N [x K]
 * tick cpu N [resched]                 preempt cpu N
 * raise (tick|resched) cpu N [at step S]
 * read cpu N value V                   resched cpu N (yes|no)
 * place cpu N choice V                 pick cpu N choice V
 * freeze cpu N choice V
 * offline cpu N [from cpu C]           online cpu N [from cpu C]
 * start (offline|online) cpu N from cpu C [at step S]
 * run TASK until COND                  until COND
 * then (random | pct:D[:K] | stop)
 * COND: label NAME | blocked | exit | tracepoint EVENT [WORD]   (blocked and exit need a TASK)
 * </pre>
 *
 * CPU numbers are checked against the machine when the schedule is attached to a run.
 */
public final class ScheduleParser {
    private final String file;
    private final int firstLine;
    private List<Token> toks;
    private int pos;
    private int line;

    private ScheduleParser(String file, int firstLine) {
        this.file = file;
        this.firstLine = firstLine;
    }

    /**
     * @param text the schedule
     * @param fileName the name messages give ({@code file:line:col})
     * @param firstLine the file's line number of the text's first line (1 for a file of its own,
     *     more for a {@code schedule { }} block inside a scenario file)
     * @throws ScheduleException naming file:line:col and what was expected
     */
    public static Schedule parse(String text, String fileName, int firstLine) {
        return new ScheduleParser(fileName, firstLine).parseAll(text);
    }

    private record Token(String text, int col) {
    }

    private Schedule parseAll(String text) {
        List<Step> steps = new ArrayList<>();
        String tail = null;
        int tailLine = 0;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            line = firstLine + i;
            toks = tokens(lines[i]);
            pos = 0;
            if (toks.isEmpty()) {
                continue;
            }
            if (tail != null) {
                throw error(toks.get(0), "nothing may follow the 'then' line (line " + tailLine + ")");
            }
            if (peek().equals("then")) {
                next();
                Token t = expectToken("a strategy after 'then': random, pct:D, pct:D:K or stop");
                tail = tailStrategy(t);
                tailLine = line;
                end();
                continue;
            }
            steps.add(step());
            end();
        }
        return new Schedule(file, steps, tail == null ? Schedule.DEFAULT_TAIL : tail, tailLine, text, firstLine);
    }

    private String tailStrategy(Token t) {
        String s = t.text();
        if (s.equals("stop")) {
            return s;
        }
        if (Strategies.isExhaustive(s)) {
            throw error(t, "'" + s + "' is a search over many runs; a schedule's tail is one run's strategy:"
                    + " random, pct:D, pct:D:K or stop (rcusim explore --strategy exhaustive:P explores without a schedule)");
        }
        try {
            Strategies.create(s, 0);
        } catch (IllegalArgumentException e) {
            throw error(t, "unknown strategy '" + s + "' after 'then'; expected random, pct:D, pct:D:K or stop");
        }
        return s;
    }

    private Step step() {
        Token first = tok();
        String w = next();
        return switch (w) {
            case "step" -> new Step.Move(line, first.col(), OptionKind.STEP, cpu(), 0, times());
            case "drain" -> drain(first);
            case "irq" -> {
                Vector v = vector(false);
                yield new Step.Move(line, first.col(), OptionKind.INTERRUPT, cpu(), v.ordinal(), times());
            }
            case "tick" -> {
                int cpu = cpu();
                boolean resched = !atEnd() && peek().equals("resched");
                if (resched) {
                    next();
                }
                yield new Step.Tick(line, first.col(), cpu, resched);
            }
            case "preempt" -> new Step.Preempt(line, first.col(), cpu());
            case "raise" -> raise(first);
            case "read" -> inner(first, OptionKind.READ_VALUE, "value");
            case "place" -> inner(first, OptionKind.PLACE, "choice");
            case "pick" -> inner(first, OptionKind.PICK, "choice");
            case "freeze" -> inner(first, OptionKind.FREEZE, "choice");
            case "resched" -> {
                int cpu = cpu();
                Token t = expectToken("yes or no");
                if (!t.text().equals("yes") && !t.text().equals("no")) {
                    throw error(t, "expected yes or no, found '" + t.text() + "'");
                }
                yield new Step.Inner(line, first.col(), OptionKind.RESCHED, cpu, t.text().equals("yes") ? 1 : 0);
            }
            case "offline", "online" -> hotplug(first, w.equals("offline"), true);
            case "start" -> {
                Token op = expectToken("offline or online after 'start'");
                if (!op.text().equals("offline") && !op.text().equals("online")) {
                    throw error(op, "expected offline or online after 'start', found '" + op.text() + "'");
                }
                yield hotplug(first, op.text().equals("offline"), false);
            }
            case "run" -> {
                Token task = expectToken("a task name after 'run'");
                expectWord("until");
                yield new Step.RunUntil(line, first.col(), task.text(), condition(true));
            }
            case "until" -> new Step.RunUntil(line, first.col(), null, condition(false));
            default -> throw error(first, "unknown step '" + w + "'; expected step, drain, irq, tick, preempt, raise,"
                    + " read, resched, place, pick, freeze, offline, online, start, run, until or then");
        };
    }

    private Step hotplug(Token first, boolean down, boolean wait) {
        int cpu = cpu();
        int from = -1;
        if (!atEnd() && peek().equals("from")) {
            next();
            from = cpu();
        }
        long at = -1;
        if (!wait && !atEnd()) {
            expectWord("at");
            expectWord("step");
            at = number("a step number", 0, Long.MAX_VALUE);
        }
        return new Step.Hotplug(line, first.col(), down, cpu, from, at, wait);
    }

    private Step drain(Token first) {
        int cpu = cpu();
        int entry = 0;
        if (!atEnd() && peek().equals("all")) {
            next();
            return new Step.DrainAll(line, first.col(), cpu);
        }
        if (!atEnd() && peek().equals("entry")) {
            next();
            entry = (int) number("an entry index", 0, 1_000);
        }
        return new Step.Move(line, first.col(), OptionKind.DRAIN, cpu, entry, times());
    }

    private Step raise(Token first) {
        Vector v = vector(true);
        int cpu = cpu();
        long at = -1;
        if (!atEnd()) {
            expectWord("at");
            expectWord("step");
            at = number("a step number", 0, Long.MAX_VALUE);
        }
        return new Step.Raise(line, first.col(), v, cpu, at);
    }

    private Step inner(Token first, OptionKind kind, String word) {
        int cpu = cpu();
        expectWord(word);
        int v = (int) number("a choice index (0 is the first)", 0, 1_000_000);
        return new Step.Inner(line, first.col(), kind, cpu, v);
    }

    private Vector vector(boolean raisable) {
        Token t = expectToken("an interrupt: " + (raisable ? "tick or resched" : Vectors.VALID));
        Vector v = Vectors.of(t.text());
        if (v == null || raisable && v != Vector.TICK && v != Vector.RESCHEDULE) {
            throw error(t, "unknown interrupt '" + t.text() + "'; expected " + (raisable ? "tick or resched" : Vectors.VALID));
        }
        return v;
    }

    private Condition condition(boolean hasTask) {
        Token t = expectToken("a condition after 'until': label NAME, blocked, exit or tracepoint EVENT [WORD]");
        switch (t.text()) {
            case "label" -> {
                return new Condition(Condition.Kind.LABEL, expectToken("a label name").text(), null);
            }
            case "blocked", "exit" -> {
                if (!hasTask) {
                    throw error(t, "'until " + t.text() + "' needs a task: run TASK until " + t.text());
                }
                return new Condition(t.text().equals("exit") ? Condition.Kind.EXIT : Condition.Kind.BLOCKED, null, null);
            }
            case "tracepoint" -> {
                String event = expectToken("a trace event name, e.g. rcu_grace_period").text();
                String word = atEnd() ? null : next();
                return new Condition(Condition.Kind.TRACEPOINT, event, word);
            }
            default -> throw error(t, "unknown condition '" + t.text()
                    + "'; expected label NAME, blocked, exit or tracepoint EVENT [WORD]");
        }
    }

    private int cpu() {
        expectWord("cpu");
        return (int) number("a CPU number", 0, 4095);
    }

    /** An optional {@code x K} repeat count. */
    private int times() {
        if (atEnd() || !peek().equals("x")) {
            return 1;
        }
        next();
        return (int) number("a repeat count", 1, Integer.MAX_VALUE);
    }

    private long number(String what, long min, long max) {
        Token t = expectToken(what);
        try {
            long v = Long.parseLong(t.text());
            if (v >= min && v <= max) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw error(t, "expected " + what + " (" + min + " to " + max + "), found '" + t.text() + "'");
    }

    private void expectWord(String word) {
        Token t = expectToken("'" + word + "'");
        if (!t.text().equals(word)) {
            throw error(t, "expected '" + word + "', found '" + t.text() + "'");
        }
    }

    private Token expectToken(String what) {
        if (atEnd()) {
            int col = toks.isEmpty() ? 1 : toks.get(toks.size() - 1).col() + toks.get(toks.size() - 1).text().length();
            throw new ScheduleException(file, line, col, "expected " + what + " at the end of the line");
        }
        return toks.get(pos++);
    }

    private void end() {
        if (!atEnd()) {
            throw error(tok(), "unexpected '" + peek() + "' after a complete step");
        }
    }

    private boolean atEnd() {
        return pos >= toks.size();
    }

    private Token tok() {
        return toks.get(pos);
    }

    private String peek() {
        return toks.get(pos).text();
    }

    private String next() {
        return toks.get(pos++).text();
    }

    private ScheduleException error(Token t, String message) {
        return new ScheduleException(file, line, t.col(), message);
    }

    /** The words of a line (up to a '#'), with 1-based columns; step words are lower case. */
    private static List<Token> tokens(String line) {
        List<Token> out = new ArrayList<>();
        int n = line.indexOf('#') >= 0 ? line.indexOf('#') : line.length();
        int i = 0;
        while (i < n) {
            while (i < n && Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(line.charAt(i))) {
                i++;
            }
            if (i > start) {
                out.add(new Token(line.substring(start, i), start + 1));
            }
        }
        return out;
    }
}
