package rcusim.rcu;

import rcusim.kernel.Kernel;

/** The expedited RCU CPU stall warning (tree_exp.h), printed in the kernel's format. */
final class RcuExpStall {
    private RcuExpStall() {
    }

    /**
     * synchronize_rcu_expedited_stall()'s report: the CPUs and tasks still blocking the
     * expedited grace period, the blocking rcu_node structures and what each blocking CPU is doing.
     */
    static String report(RcuState s, Kernel k, long expeditedSequence, long jiffiesStart, long j) {
        StringBuilder sb = new StringBuilder();
        sb.append("rcu: INFO: ").append(s.name).append(" detected expedited stalls on CPUs/tasks: {");
        int ndetected = 0;
        for (RcuNode rnp : s.leaves()) {
            if (rnp.expTasksPeek() != null) {
                for (int i = Math.max(0, rnp.blkdTasks.indexOf(rnp.expTasksPeek())); i < rnp.blkdTasks.size(); i++) {
                    sb.append(" P").append(rnp.blkdTasks.get(i).pid());
                    ndetected++;
                }
            }
            for (int cpu = rnp.grplo; cpu <= rnp.grphi; cpu++) {
                RcuData rdp = s.rda[cpu];
                if ((rnp.expmaskPeek() & rdp.grpmask) == 0) {
                    continue;
                }
                ndetected++;
                // as the kernel prints them: '.' is the usual state, a letter the unusual one
                // (O offline, o not online at the GP's start, N never online, D not yet asked)
                sb.append(' ').append(cpu).append('-')
                        .append(k.cpuOnline(cpu) ? '.' : 'O')
                        .append((rnp.expmaskinitPeek() & rdp.grpmask) != 0 ? '.' : 'o')
                        .append((rnp.expmaskinitnextPeek() & rdp.grpmask) != 0 ? '.' : 'N')
                        .append(rdp.cpuNoQsExp.peek() ? '.' : 'D');
            }
        }
        RcuNode root = s.root();
        sb.append(" } ").append(j - jiffiesStart).append(" jiffies s: ")
                .append(Long.toUnsignedString(k.machineMemoryPeek(expeditedSequence)))
                .append(" root: ").append(RcuExp.hexAlt(root.expmaskPeek())).append('/')
                .append(root.expTasksPeek() != null ? 'T' : '.').append('\n');
        if (ndetected > 0) {
            sb.append("rcu: blocking rcu_node structures (internal RCU debug):");
            for (RcuNode rnp : s.node) {
                if (rnp == root || (rnp.expTasksPeek() == null && rnp.expmaskPeek() == 0)) {
                    continue;
                }
                sb.append(" l=").append(rnp.level).append(':').append(rnp.grplo).append('-').append(rnp.grphi)
                        .append(':').append(RcuExp.hexAlt(rnp.expmaskPeek())).append('/')
                        .append(rnp.expTasksPeek() != null ? 'T' : '.');
            }
            sb.append('\n');
        }
        for (RcuNode rnp : s.leaves()) {
            for (int cpu = rnp.grplo; cpu <= rnp.grphi; cpu++) {
                if ((rnp.expmaskPeek() & s.rda[cpu].grpmask) != 0) {
                    sb.append("rcu: \t").append(k.describeCpu(cpu)).append('\n');
                }
            }
        }
        return sb.toString().stripTrailing();
    }
}
