package rcusim.scenarios.file.exec;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import rcusim.litmus.ast.Pos;

/** The locals of the function being compiled: nested block scopes over one array of slots. */
final class Scope {
    record Local(String name, int slot, CType type) {
    }

    private final Deque<Map<String, Local>> blocks = new ArrayDeque<>();
    /** Every local declared, by name, the last declaration winning: what a final clause reads. */
    final Map<String, Local> all = new LinkedHashMap<>();
    private final Symbols symbols;
    private int next;
    int max;

    Scope(Symbols symbols) {
        this.symbols = symbols;
        blocks.push(new LinkedHashMap<>());
    }

    void push() {
        blocks.push(new LinkedHashMap<>());
    }

    /** Slots are not reused after a block ends: a final clause may read any local of a task. */
    void pop() {
        blocks.pop();
    }

    Local declare(Pos pos, String name, CType type) {
        if (blocks.peek().containsKey(name)) {
            throw symbols.error(pos, "'" + name + "' is already declared in this block");
        }
        Local l = new Local(name, next++, type);
        max = Math.max(max, next);
        blocks.peek().put(name, l);
        all.put(name, l);
        return l;
    }

    Local find(String name) {
        for (Map<String, Local> b : blocks) {
            Local l = b.get(name);
            if (l != null) {
                return l;
            }
        }
        return null;
    }
}
