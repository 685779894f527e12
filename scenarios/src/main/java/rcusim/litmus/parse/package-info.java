/**
 * Hand-written lexer and recursive-descent parser for LKMM C litmus tests. The entry point is
 * {@link rcusim.litmus.parse.LitmusParser}; errors are
 * {@link rcusim.litmus.parse.LitmusSyntaxException}s with file, line and column.
 */
package rcusim.litmus.parse;
