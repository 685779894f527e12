package rcusim.litmus.ast;

import java.util.List;

/** {@code P<index>(params) { body }}. {@code pos} is that of the {@code P<index>} token. */
public record LitmusProcess(Pos pos, int index, List<Param> params, Stmt.Block body) {

    public LitmusProcess {
        params = List.copyOf(params);
    }

    public String name() {
        return "P" + index;
    }
}
