package rcusim.rcu;

import java.util.Arrays;
import java.util.List;

/**
 * The shape of the rcu_node tree, computed as the kernel computes it at boot
 * ({@code rcu_init_geometry()}, {@code rcu_init_levelspread()} and the node loop of
 * {@code rcu_init_one()}; compile-time limits from {@code include/linux/rcu_node_tree.h}).
 *
 * <p>Nodes are numbered breadth first: 0 is the root, level {@code l} occupies
 * {@code [levelFirst(l), levelFirst(l + 1))}, and the leaves come last, so a scan of the
 * indices is a BFS walk. The tree is sized for {@code nr_cpu_ids} (the simulator's NR_CPUS is
 * its CPU count). Depth is the smallest L with {@code nr_cpu_ids <= LEAF * FANOUT^(L-1)}, at
 * most {@value #MAX_RCU_LVLS}.
 *
 * <p>Children per node: by default ({@code rcutree.rcu_fanout_exact=0}) the kernel balances
 * each level, giving every node {@code ceil(items below / nodes here)} children, so 17 CPUs
 * become leaves 0-8 and 9-16; with {@code fanoutExact} each leaf takes {@code RCU_FANOUT_LEAF}
 * CPUs and each inner node {@code RCU_FANOUT} children (0-15 and 16-16).
 *
 * <p>Immutable.
 */
public final class RcuGeometry {
    /** MAX_RCU_LVLS. */
    public static final int MAX_RCU_LVLS = 4;
    /** CONFIG_RCU_FANOUT default on 64-bit. */
    public static final int RCU_FANOUT_DEFAULT = 64;
    /** CONFIG_RCU_FANOUT_LEAF default. */
    public static final int RCU_FANOUT_LEAF_DEFAULT = 16;
    /** Both fanouts are bounded by the bits of an unsigned long mask (Kconfig: 2..64 on 64-bit). */
    public static final int FANOUT_MIN = 2;
    public static final int FANOUT_MAX = Long.SIZE;
    /** The largest machine the simulator builds. */
    public static final int MAX_NR_CPUS = 4096;

    /** One rcu_node's constant fields. grpmask is the node's bit in its parent; the root's is 0. */
    public record Node(int index, int level, int parent, int grplo, int grphi, int grpnum, long grpmask) {
        /** Is CPU cpu in this node's range? */
        public boolean covers(int cpu) {
            return grplo <= cpu && cpu <= grphi;
        }
    }

    private final int nrCpuIds;
    private final int fanout;
    private final int fanoutLeaf;
    private final boolean fanoutExact;
    private final int numLvls;
    private final int[] numRcuLvl;
    private final int[] levelFirst;
    private final int[] levelspread;
    private final Node[] nodes;
    private final int[] leafOfCpu;

    /** The default configuration: RCU_FANOUT 64, RCU_FANOUT_LEAF 16, balanced levels. */
    public static RcuGeometry of(int nrCpuIds) {
        return of(nrCpuIds, RCU_FANOUT_DEFAULT, RCU_FANOUT_LEAF_DEFAULT);
    }

    public static RcuGeometry of(int nrCpuIds, int fanout, int fanoutLeaf) {
        return of(nrCpuIds, fanout, fanoutLeaf, false);
    }

    /**
     * The tree for nrCpuIds CPUs with CONFIG_RCU_FANOUT, CONFIG_RCU_FANOUT_LEAF and
     * rcutree.rcu_fanout_exact.
     *
     * @throws IllegalArgumentException for settings the kernel would not build: a CPU count
     *     outside [1, {@value #MAX_NR_CPUS}], a fanout outside [2, 64], or a tree deeper than
     *     {@value #MAX_RCU_LVLS} levels (the kernel's {@code #error}).
     */
    public static RcuGeometry of(int nrCpuIds, int fanout, int fanoutLeaf, boolean fanoutExact) {
        checkRange("nr_cpu_ids", nrCpuIds, 1, MAX_NR_CPUS);
        checkRange("CONFIG_RCU_FANOUT", fanout, FANOUT_MIN, FANOUT_MAX);
        checkRange("CONFIG_RCU_FANOUT_LEAF", fanoutLeaf, FANOUT_MIN, FANOUT_MAX);
        int lvls = levelsNeeded(nrCpuIds, fanout, fanoutLeaf);
        if (lvls > MAX_RCU_LVLS) {
            throw new IllegalArgumentException("CONFIG_RCU_FANOUT insufficient for NR_CPUS: " + nrCpuIds
                    + " CPUs need more than " + MAX_RCU_LVLS + " rcu_node levels with RCU_FANOUT="
                    + fanout + " and RCU_FANOUT_LEAF=" + fanoutLeaf + " (capacity "
                    + capacity(fanout, fanoutLeaf, MAX_RCU_LVLS - 1) + ")");
        }
        return new RcuGeometry(nrCpuIds, fanout, fanoutLeaf, fanoutExact, lvls);
    }

    /**
     * This tree rebuilt for the boot parameter rcutree.rcu_fanout_leaf. The kernel only
     * re-shapes the tree within the number of levels it was compiled for; it refuses a leaf
     * fanout outside [2, 64], or one too small to hold every CPU in that many levels (it
     * WARNs and keeps the compiled shape). Those refusals are reported here as errors.
     * Call it on the compiled geometry from {@link #of}: its level count is the limit.
     */
    public RcuGeometry withBootFanoutLeaf(int bootFanoutLeaf) {
        if (bootFanoutLeaf == fanoutLeaf) {
            return this;
        }
        if (bootFanoutLeaf < FANOUT_MIN || bootFanoutLeaf > FANOUT_MAX) {
            throw new IllegalArgumentException("rcutree.rcu_fanout_leaf=" + bootFanoutLeaf + " out of range ["
                    + FANOUT_MIN + ", " + FANOUT_MAX + "]: the kernel WARNs and keeps RCU_FANOUT_LEAF="
                    + fanoutLeaf);
        }
        long cap = capacity(fanout, bootFanoutLeaf, numLvls - 1);
        if (nrCpuIds > cap) {
            throw new IllegalArgumentException("rcutree.rcu_fanout_leaf=" + bootFanoutLeaf + " cannot hold "
                    + nrCpuIds + " CPUs in the " + numLvls + " rcu_node level(s) built for RCU_FANOUT_LEAF="
                    + fanoutLeaf + " (capacity " + cap + "): the kernel WARNs and keeps the compiled shape");
        }
        return new RcuGeometry(nrCpuIds, fanout, bootFanoutLeaf, fanoutExact,
                levelsNeeded(nrCpuIds, fanout, bootFanoutLeaf));
    }

    private RcuGeometry(int nrCpuIds, int fanout, int fanoutLeaf, boolean fanoutExact, int numLvls) {
        this.nrCpuIds = nrCpuIds;
        this.fanout = fanout;
        this.fanoutLeaf = fanoutLeaf;
        this.fanoutExact = fanoutExact;
        this.numLvls = numLvls;

        // Nodes per level: a node at level i holds capacity(levels-1-i) CPUs.
        numRcuLvl = new int[numLvls];
        for (int i = 0; i < numLvls; i++) {
            numRcuLvl[i] = (int) ceilDiv(nrCpuIds, capacity(fanout, fanoutLeaf, numLvls - 1 - i));
        }
        levelFirst = new int[numLvls + 1];
        for (int i = 1; i <= numLvls; i++) {
            levelFirst[i] = levelFirst[i - 1] + numRcuLvl[i - 1];
        }

        // rcu_init_levelspread(): children per node at each level.
        levelspread = new int[numLvls];
        if (fanoutExact) {
            Arrays.fill(levelspread, fanout);
            levelspread[numLvls - 1] = fanoutLeaf;
        } else {
            int below = nrCpuIds;
            for (int i = numLvls - 1; i >= 0; i--) {
                levelspread[i] = (int) ceilDiv(below, numRcuLvl[i]);
                below = numRcuLvl[i];
            }
        }

        // rcu_init_one(): leaves first, each level's CPU stride is the product of the spreads
        // at and below it; a node's parent and position follow from the spread above it.
        nodes = new Node[levelFirst[numLvls]];
        long cpustride = 1;
        for (int i = numLvls - 1; i >= 0; i--) {
            cpustride *= levelspread[i];
            for (int j = 0; j < numRcuLvl[i]; j++) {
                int grplo = (int) Math.min(j * cpustride, Integer.MAX_VALUE);
                int grphi = (int) Math.min((j + 1) * cpustride - 1, nrCpuIds - 1);
                int grpnum = i == 0 ? 0 : j % levelspread[i - 1];
                long grpmask = i == 0 ? 0 : 1L << grpnum;
                int parent = i == 0 ? -1 : levelFirst[i - 1] + j / levelspread[i - 1];
                int index = levelFirst[i] + j;
                nodes[index] = new Node(index, i, parent, grplo, grphi, grpnum, grpmask);
            }
        }

        // Each CPU's leaf: the first leaf whose range reaches it (the kernel's mynode walk).
        leafOfCpu = new int[nrCpuIds];
        int leaf = levelFirst[numLvls - 1];
        for (int cpu = 0; cpu < nrCpuIds; cpu++) {
            while (cpu > nodes[leaf].grphi()) {
                leaf++;
            }
            leafOfCpu[cpu] = leaf;
        }
    }

    /** Smallest L with nrCpuIds <= LEAF * FANOUT^(L-1), searched one past the maximum. */
    private static int levelsNeeded(int nrCpuIds, int fanout, int fanoutLeaf) {
        int lvls = 1;
        while (lvls <= MAX_RCU_LVLS && nrCpuIds > capacity(fanout, fanoutLeaf, lvls - 1)) {
            lvls++;
        }
        return lvls;
    }

    /** rcu_capacity[i]: the CPUs a node i levels above the leaves can cover. */
    private static long capacity(int fanout, int fanoutLeaf, int i) {
        long cap = fanoutLeaf;
        for (int k = 0; k < i; k++) {
            cap *= fanout;
        }
        return cap;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static void checkRange(String what, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(what + "=" + v + " out of range [" + lo + ", " + hi + "]");
        }
    }

    public int nrCpuIds() {
        return nrCpuIds;
    }

    /** RCU_FANOUT. */
    public int fanout() {
        return fanout;
    }

    /** rcu_fanout_leaf in effect. */
    public int fanoutLeaf() {
        return fanoutLeaf;
    }

    public boolean fanoutExact() {
        return fanoutExact;
    }

    /** rcu_num_lvls. */
    public int numLvls() {
        return numLvls;
    }

    /** num_rcu_lvl[level]: nodes at that level. */
    public int numRcuLvl(int level) {
        return numRcuLvl[level];
    }

    /** levelspread[level]: children per node at that level (CPUs per leaf at the last). */
    public int levelspread(int level) {
        return levelspread[level];
    }

    /** rcu_num_nodes. */
    public int numNodes() {
        return nodes.length;
    }

    /** Index of the first node of a level (rcu_state.level[]); levelFirst(numLvls()) is numNodes(). */
    public int levelFirst(int level) {
        return levelFirst[level];
    }

    /** rcu_first_leaf_node(). */
    public int firstLeaf() {
        return levelFirst[numLvls - 1];
    }

    public boolean isLeaf(int index) {
        return index >= firstLeaf();
    }

    public Node root() {
        return nodes[0];
    }

    public Node node(int index) {
        return nodes[index];
    }

    /** All nodes in BFS order. */
    public List<Node> nodes() {
        return List.of(nodes);
    }

    /** The leaf covering a CPU (rdp->mynode). */
    public Node leafOf(int cpu) {
        return nodes[leafOfCpu[cpu]];
    }

    /** A CPU's bit in its leaf's masks (rdp->grpmask). */
    public long cpuMask(int cpu) {
        return 1L << (cpu - leafOf(cpu).grplo());
    }

    /** Every child's bit of a node: all its CPUs for a leaf, all its child nodes otherwise. */
    public long fullMask(int index) {
        Node n = nodes[index];
        int width;
        if (isLeaf(index)) {
            width = n.grphi() - n.grplo() + 1;
        } else {
            width = 0;
            for (int c = levelFirst[n.level() + 1]; c < levelFirst[n.level() + 2]; c++) {
                if (nodes[c].parent() == index) {
                    width++;
                }
            }
        }
        return width == Long.SIZE ? -1L : (1L << width) - 1;
    }

    /** The kernel's rcu_dump_rcu_node_tree() layout: one line per level of "grplo:grphi ^grpnum". */
    public String layoutDump() {
        StringBuilder sb = new StringBuilder("rcu_node tree layout dump\n");
        for (int l = 0; l < numLvls; l++) {
            sb.append(' ');
            for (int i = levelFirst[l]; i < levelFirst[l + 1]; i++) {
                Node n = nodes[i];
                sb.append(n.grplo()).append(':').append(n.grphi()).append(" ^").append(n.grpnum()).append("  ");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "RcuGeometry[nr_cpu_ids=" + nrCpuIds + " RCU_FANOUT=" + fanout + " rcu_fanout_leaf=" + fanoutLeaf
                + (fanoutExact ? " exact" : "") + " levels=" + numLvls + " num_rcu_lvl=" + Arrays.toString(numRcuLvl)
                + " levelspread=" + Arrays.toString(levelspread) + " nodes=" + nodes.length + "]";
    }
}
