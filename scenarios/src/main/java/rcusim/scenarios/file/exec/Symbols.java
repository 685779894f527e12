package rcusim.scenarios.file.exec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import rcusim.litmus.ast.Pos;
import rcusim.litmus.parse.LitmusSyntaxException;
import rcusim.scenarios.file.ast.ScenarioFile;
import rcusim.scenarios.file.ast.TypeRef;

/** A file's names: struct layouts, globals, kernel objects and functions, resolved once at compile time. */
final class Symbols {
    /** A struct field: its word offset, type and array length (0: not an array). */
    record FieldInfo(int offset, CType type, int arrayLength) {
    }

    record Layout(String name, Map<String, FieldInfo> fields, int size) {
    }

    /**
     * A global: memory (index into {@link RunState#globals}) or a kernel object (handle), with its
     * declaration (for the initial value, the timer callback).
     */
    record Global(String name, CType type, int arrayLength, int index, int handle, ScenarioFile.GlobalDecl decl) {
        boolean isObject() {
            return handle >= 0;
        }
    }

    final String file;
    final Map<String, Layout> structs = new LinkedHashMap<>();
    final Map<String, Global> globals = new LinkedHashMap<>();
    final Map<String, Function> functions = new LinkedHashMap<>();
    int memoryGlobals;
    int objects;

    Symbols(String file) {
        this.file = file;
    }

    LitmusSyntaxException error(Pos pos, String detail) {
        return new LitmusSyntaxException(file, pos, detail);
    }

    CType resolve(TypeRef t) {
        String b = t.base();
        if (b.startsWith("struct ") && !CType.OBJECTS.contains(b) && !b.equals("struct rcu_head")
                && !structs.containsKey(b)) {
            throw error(t.pos(), "unknown type '" + b + "' (no struct " + b.substring(7) + " { ... }; before it)");
        }
        return new CType(b, t.pointers());
    }

    /** Words a value of type t takes in memory. */
    int sizeOf(CType t, Pos pos) {
        if (t.isPointer()) {
            return 1;
        }
        if (t.isStruct()) {
            return structs.get(t.base()).size();
        }
        if (t.isObject()) {
            throw error(pos, t + " is a kernel object, not memory: declare it global, not in a struct or array");
        }
        if (t.base().equals("void")) {
            throw error(pos, "void has no size");
        }
        return 1;
    }

    void declareStruct(ScenarioFile.StructDecl s) {
        String name = "struct " + s.name();
        if (structs.containsKey(name) || CType.OBJECTS.contains(name) || name.equals("struct rcu_head")) {
            throw error(s.pos(), name + " is already defined");
        }
        Map<String, FieldInfo> fields = new LinkedHashMap<>();
        structs.put(name, new Layout(name, fields, 0)); // self-references through pointers
        int off = 0;
        for (ScenarioFile.FieldDecl f : s.fields()) {
            CType t = resolve(f.type());
            if (t.equals(new CType(name, 0))) {
                throw error(f.pos(), "struct " + s.name() + " cannot contain itself");
            }
            if (fields.containsKey(f.name())) {
                throw error(f.pos(), "a second field named " + f.name());
            }
            fields.put(f.name(), new FieldInfo(off, t, f.arrayLength()));
            off += sizeOf(t, f.pos()) * Math.max(1, f.arrayLength());
        }
        structs.put(name, new Layout(name, fields, Math.max(off, 1)));
    }

    void declareGlobal(ScenarioFile.GlobalDecl g) {
        if (globals.containsKey(g.name()) || functions.containsKey(g.name())) {
            throw error(g.pos(), "'" + g.name() + "' is already defined");
        }
        CType t = resolve(g.type());
        if (t.base().equals("void") && !t.isPointer()) {
            throw error(g.pos(), "a variable cannot be void");
        }
        if (t.isObject()) {
            if (g.arrayLength() > 0) {
                throw error(g.pos(), "arrays of " + t + " are not supported; declare each one");
            }
            globals.put(g.name(), new Global(g.name(), t, 0, -1, objects++, g));
        } else {
            globals.put(g.name(), new Global(g.name(), t, g.arrayLength(), memoryGlobals++, -1, g));
        }
    }

    void declareFunction(ScenarioFile.FunctionDecl d) {
        if (globals.containsKey(d.name()) || functions.containsKey(d.name())) {
            throw error(d.pos(), "'" + d.name() + "' is already defined");
        }
        List<CType> params = d.params().stream().map(p -> resolve(p.type())).toList();
        functions.put(d.name(), new Function(d.name(), resolve(d.returnType()), params));
    }
}
