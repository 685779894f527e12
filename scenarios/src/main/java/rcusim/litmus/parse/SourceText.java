package rcusim.litmus.parse;

import java.util.ArrayList;
import java.util.List;
import rcusim.litmus.ast.Pos;

/** The text of one litmus file, with offset-to-position mapping for diagnostics. */
public final class SourceText {

    private final String file;
    private final String text;
    private final int[] lineStarts;

    public SourceText(String file, String text) {
        this.file = file;
        // A byte-order mark is not part of the test.
        this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
        List<Integer> starts = new ArrayList<>();
        starts.add(0);
        for (int i = 0; i < this.text.length(); i++) {
            if (this.text.charAt(i) == '\n') starts.add(i + 1);
        }
        this.lineStarts = starts.stream().mapToInt(Integer::intValue).toArray();
    }

    public String file() {
        return file;
    }

    public String text() {
        return text;
    }

    public int length() {
        return text.length();
    }

    public char charAt(int offset) {
        return offset < text.length() ? text.charAt(offset) : '\0';
    }

    boolean startsWith(String s, int offset) {
        return text.startsWith(s, offset);
    }

    public Pos posAt(int offset) {
        int lo = 0;
        int hi = lineStarts.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (lineStarts[mid] <= offset) lo = mid;
            else hi = mid - 1;
        }
        return new Pos(lo + 1, offset - lineStarts[lo] + 1);
    }

    public LitmusSyntaxException error(int offset, String detail) {
        return new LitmusSyntaxException(file, posAt(offset), detail);
    }

    public LitmusSyntaxException error(Pos pos, String detail) {
        return new LitmusSyntaxException(file, pos, detail);
    }
}
