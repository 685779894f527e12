package rcusim.litmus.exec;

import rcusim.litmus.ast.Expr;

/** A register-only expression of a compiled litmus process; memory reads were hoisted out. */
public sealed interface Val {
    long eval(long[] regs);

    record Const(long value) implements Val {
        @Override
        public long eval(long[] regs) {
            return value;
        }
    }

    record Reg(int index) implements Val {
        @Override
        public long eval(long[] regs) {
            return regs[index];
        }
    }

    record Unary(Expr.UnaryOp op, Val operand) implements Val {
        @Override
        public long eval(long[] regs) {
            long v = operand.eval(regs);
            return switch (op) {
                case NEG -> -v;
                case NOT -> v == 0 ? 1 : 0;
                case BIT_NOT -> ~v;
            };
        }
    }

    record Binary(Expr.BinaryOp op, Val left, Val right) implements Val {
        @Override
        public long eval(long[] regs) {
            long a = left.eval(regs);
            if (op == Expr.BinaryOp.AND) {
                return a != 0 && right.eval(regs) != 0 ? 1 : 0;
            }
            if (op == Expr.BinaryOp.OR) {
                return a != 0 || right.eval(regs) != 0 ? 1 : 0;
            }
            long b = right.eval(regs);
            return switch (op) {
                case MUL -> a * b;
                case DIV -> b == 0 ? 0 : a / b;
                case MOD -> b == 0 ? 0 : a % b;
                case ADD -> a + b;
                case SUB -> a - b;
                case SHL -> a << b;
                case SHR -> a >> b;
                case LT -> a < b ? 1 : 0;
                case LE -> a <= b ? 1 : 0;
                case GT -> a > b ? 1 : 0;
                case GE -> a >= b ? 1 : 0;
                case EQ -> a == b ? 1 : 0;
                case NE -> a != b ? 1 : 0;
                case BIT_AND -> a & b;
                case BIT_XOR -> a ^ b;
                case BIT_OR -> a | b;
                case AND, OR -> throw new AssertionError();
            };
        }
    }

    record Ternary(Val cond, Val then, Val otherwise) implements Val {
        @Override
        public long eval(long[] regs) {
            return cond.eval(regs) != 0 ? then.eval(regs) : otherwise.eval(regs);
        }
    }
}
