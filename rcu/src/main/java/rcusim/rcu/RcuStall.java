package rcusim.rcu;

import rcusim.kernel.Kernel;
import rcusim.machine.SimFailure;
import rcusim.kernel.Task;

/**
 * RCU CPU stall warnings (tree_stall.h), in simulated time: checked from the tick; the CPU
 * that still owes a quiescent state reports a self-detected stall, any other CPU reports the
 * stall a little later. In the simulator a stall ends the run as a finding, printed the way
 * the kernel prints it.
 */
final class RcuStall {
    /** RCU_STALL_RAT_DELAY: other CPUs wait this many jiffies longer than the stalled one. */
    private static final long RAT_DELAY = 2;

    private final RcuState s;

    RcuStall(RcuState s) {
        this.s = s;
    }

    /** check_cpu_stall(). */
    void checkCpuStall(Kernel k, RcuData rdp, RcuCore core) {
        if (!core.gpInProgress(k)) {
            return;
        }
        long j = k.jiffies();
        long js = s.jiffiesStall(k);
        if (j - js < 0 || s.gpStart(k) - js >= 0) {
            return;
        }
        RcuNode rnp = rdp.mynode;
        boolean self = (rnp.qsmaskReadOnce() & rdp.grpmask) != 0;
        if (!self && j - (js + RAT_DELAY) < 0) {
            return;
        }
        k.coverage(RcuCoverage.STALL);
        throw new SimFailure(SimFailure.Kind.RCU, report(k, self ? rdp.cpu : -1, j));
    }

    private String report(Kernel k, int selfCpu, long j) {
        StringBuilder sb = new StringBuilder();
        long g = k.machineMemoryPeek(s.gpSeqAddr);
        if (selfCpu >= 0) {
            sb.append("rcu: INFO: ").append(s.name).append(" self-detected stall on CPU\n");
        } else {
            sb.append("rcu: INFO: ").append(s.name).append(" detected stalls on CPUs/tasks:\n");
        }
        for (RcuNode rnp : s.leaves()) {
            for (int cpu = rnp.grplo; cpu <= rnp.grphi; cpu++) {
                RcuData rdp = s.rda[cpu];
                if ((rnp.qsmaskPeek() & rdp.grpmask) == 0) {
                    continue;
                }
                long ct = k.machineMemoryPeek(k.ctCounterAddr(cpu));
                boolean behind = rdp.gpSeq.peek() != rnp.gpSeqPeek();
                sb.append("rcu: \t").append(String.format("%3d", cpu)).append('-')
                        // as the kernel's "O."[!!cpu_online(cpu)]: a letter flags what is off
                        .append(k.cpuOnline(cpu) ? '.' : 'O')
                        .append((rnp.qsmaskinitPeek() & rdp.grpmask) != 0 ? '.' : 'o')
                        .append((rnp.qsmaskinitnextPeek() & rdp.grpmask) != 0 ? '.' : 'N')
                        .append(".: (")
                        .append(behind ? RcuSeq.diff(rnp.gpSeqPeek(), rdp.gpSeq.peek()) / 4 + " GPs behind"
                                : rdp.ticksThisGp.peek() + " ticks this GP")
                        .append(") idle=").append(Long.toHexString(ct)).append(" fqs=0\n");
            }
            if (rnp.blockedReadersCgp()) {
                sb.append("rcu: \tTasks blocked on level-").append(rnp.level).append(" rcu_node (CPUs ")
                        .append(rnp.grplo).append('-').append(rnp.grphi).append("):");
                int from = rnp.blkdTasks.indexOf(rnp.gpTasksPeek());
                for (int i = Math.max(0, from); i < rnp.blkdTasks.size(); i++) {
                    Task t = rnp.blkdTasks.get(i);
                    sb.append(" P").append(t.pid());
                }
                sb.append('\n');
            }
        }
        sb.append("rcu: \t(").append(selfCpu >= 0 ? "t=" : "detected by " + k.smpProcessorId() + ", t=")
                .append(j - s.gpStart(k)).append(" jiffies g=").append(Long.toUnsignedString(g))
                .append(" q=").append(0).append(" ncpus=").append(k.nrCpus()).append(")\n");
        for (int cpu = 0; cpu < k.nrCpus(); cpu++) {
            sb.append("rcu: \t").append(k.describeCpu(cpu)).append('\n');
        }
        Task gp = s.gpKthread;
        sb.append("rcu: ").append(s.name).append(" kthread state ").append(RcuState.GP_STATE_NAMES[s.gpState(k)])
                .append(" ->gp_activity ").append(j - s.gpActivity(k)).append(" jiffies ago ->state=")
                .append(gp.state()).append(" ->cpu=").append(gp.cpu())
                .append(k.cpuCurr(Math.max(0, gp.cpu())) == gp ? " (running)" : " (not running)");
        return sb.toString();
    }
}
