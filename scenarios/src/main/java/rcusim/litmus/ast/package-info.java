/**
 * The syntax tree of a C litmus test, as {@link rcusim.litmus.parse.LitmusParser} builds it.
 *
 * <p>Records and sealed interfaces, immutable, each node with its {@link rcusim.litmus.ast.Pos}
 * so later stages can report errors at the source. Nothing here is resolved: names are
 * strings, primitives are plain calls, and a register may be used without a declaration
 * (herd7 allows it). {@link rcusim.litmus.ast.AstPrinter} prints a tree back as litmus text.
 */
package rcusim.litmus.ast;
