package rcusim.rcu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import rcusim.rcu.RcuGeometry.Node;

/** rcu_node tree shapes, hand-computed from the kernel's rules, plus structural invariants over many sizes. */
class RcuGeometryTest {

    @Test
    void oneCpuIsASingleNode() {
        RcuGeometry g = checked(RcuGeometry.of(1));
        assertShape(g, new int[] {1}, new int[] {1});
        assertNode(g.node(0), 0, -1, 0, 0, 0, 0L);
        assertSame(g.root(), g.leafOf(0));
        assertEquals(1L, g.cpuMask(0));
    }

    @Test
    void sixteenCpusFitOneLeaf() {
        RcuGeometry g = checked(RcuGeometry.of(16));
        assertShape(g, new int[] {1}, new int[] {16});
        assertNode(g.node(0), 0, -1, 0, 15, 0, 0L);
        assertEquals(0xFFFFL, g.fullMask(0));
        assertEquals(1L << 15, g.cpuMask(15));
    }

    @Test
    void seventeenCpusBalancedSplitNineAndEight() {
        // Default rcu_fanout_exact=0: leaves get ceil(17/2) = 9 CPUs each.
        RcuGeometry g = checked(RcuGeometry.of(17));
        assertShape(g, new int[] {1, 2}, new int[] {2, 9});
        assertNode(g.node(0), 0, -1, 0, 16, 0, 0L);
        assertNode(g.node(1), 1, 0, 0, 8, 0, 1L);
        assertNode(g.node(2), 1, 0, 9, 16, 1, 2L);
        assertEquals(1, g.firstLeaf());
        assertEquals(2, g.leafOf(9).index());
        assertEquals(1L, g.cpuMask(9));
    }

    @Test
    void seventeenCpusExactFanoutFillsTheFirstLeaf() {
        RcuGeometry g = checked(RcuGeometry.of(17, 64, 16, true));
        assertShape(g, new int[] {1, 2}, new int[] {64, 16});
        assertNode(g.node(1), 1, 0, 0, 15, 0, 1L);
        assertNode(g.node(2), 1, 0, 16, 16, 1, 2L);
        assertEquals(1L, g.fullMask(2));
    }

    @Test
    void sixtyFourCpusAreFourLeavesOfSixteen() {
        RcuGeometry g = checked(RcuGeometry.of(64));
        assertShape(g, new int[] {1, 4}, new int[] {4, 16});
        for (int j = 0; j < 4; j++) {
            assertNode(g.node(1 + j), 1, 0, 16 * j, 16 * j + 15, j, 1L << j);
        }
        assertEquals(0xFL, g.fullMask(0));
    }

    @Test
    void twoHundredFiftySixAndOneThousandTwentyFourStayTwoLevels() {
        RcuGeometry g256 = checked(RcuGeometry.of(256));
        assertShape(g256, new int[] {1, 16}, new int[] {16, 16});
        RcuGeometry g1024 = checked(RcuGeometry.of(1024));
        assertShape(g1024, new int[] {1, 64}, new int[] {64, 16});
        assertEquals(-1L, g1024.fullMask(0));
        assertNode(g1024.node(64), 1, 0, 1008, 1023, 63, 1L << 63);
    }

    @Test
    void oneThousandTwentyFiveNeedsAThirdLevel() {
        // capacity 16, 1024, 65536: 3 levels of 1, ceil(1025/1024)=2, ceil(1025/16)=65 nodes.
        RcuGeometry g = checked(RcuGeometry.of(1025));
        assertShape(g, new int[] {1, 2, 65}, new int[] {2, 33, 16});
        assertNode(g.node(1), 1, 0, 0, 527, 0, 1L);
        assertNode(g.node(2), 1, 0, 528, 1024, 1, 2L);
        assertNode(g.node(67), 2, 2, 1024, 1024, 31, 1L << 31);
    }

    @Test
    void fourThousandNinetySixIsTwoHundredSixtyOneNodes() {
        RcuGeometry g = checked(RcuGeometry.of(4096));
        assertShape(g, new int[] {1, 4, 256}, new int[] {4, 64, 16});
        assertEquals(261, g.numNodes());
        assertEquals(1, g.levelFirst(1));
        assertEquals(5, g.levelFirst(2));
        assertEquals(261, g.levelFirst(3));
        assertNode(g.node(4), 1, 0, 3072, 4095, 3, 8L);
        assertNode(g.node(260), 2, 4, 4080, 4095, 63, 1L << 63);
        assertEquals(260, g.leafOf(4095).index());
    }

    @Test
    void tree02EightCpusFanoutThreeLeafThree() {
        RcuGeometry g = checked(RcuGeometry.of(8, 3, 3));
        assertShape(g, new int[] {1, 3}, new int[] {3, 3});
        assertNode(g.node(1), 1, 0, 0, 2, 0, 1L);
        assertNode(g.node(2), 1, 0, 3, 5, 1, 2L);
        assertNode(g.node(3), 1, 0, 6, 7, 2, 4L);
        assertEquals(0b11L, g.fullMask(3));
        assertEquals(0b111L, g.fullMask(0));
    }

    @Test
    void tree03AndTree07SixteenCpusFanoutTwoUseAllFourLevels() {
        // capacity 2, 4, 8, 16: exactly the 4-level maximum; 1 + 2 + 4 + 8 = 15 nodes.
        RcuGeometry g = checked(RcuGeometry.of(16, 2, 2));
        assertShape(g, new int[] {1, 2, 4, 8}, new int[] {2, 2, 2, 2});
        assertEquals(15, g.numNodes());
        assertNode(g.node(2), 1, 0, 8, 15, 1, 2L);
        assertNode(g.node(5), 2, 2, 8, 11, 0, 1L);
        assertNode(g.node(14), 3, 6, 14, 15, 1, 2L);
        assertEquals(List.of(14, 6, 2, 0), pathToRoot(g, 15));
        assertEquals(2L, g.cpuMask(15));
    }

    @Test
    void tooManyCpusForFourLevelsIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RcuGeometry.of(17, 2, 2));
        assertTrue(e.getMessage().contains("CONFIG_RCU_FANOUT insufficient for NR_CPUS"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RcuGeometry.of(4096, 2, 2));
        assertThrows(IllegalArgumentException.class, () -> RcuGeometry.of(4096, 4, 2)); // capacity 128
    }

    @Test
    void outOfRangeSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> RcuGeometry.of(0));
        assertThrows(IllegalArgumentException.class, () -> RcuGeometry.of(4097));
        assertThrows(IllegalArgumentException.class, () -> RcuGeometry.of(8, 1, 16));
        assertThrows(IllegalArgumentException.class, () -> RcuGeometry.of(8, 65, 16));
        assertThrows(IllegalArgumentException.class, () -> RcuGeometry.of(8, 64, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RcuGeometry.of(8, 64, 65));
        assertTrue(e.getMessage().contains("CONFIG_RCU_FANOUT_LEAF=65"), e.getMessage());
    }

    @Test
    void bootLeafFanoutReshapesWithinTheCompiledLevels() {
        RcuGeometry g = RcuGeometry.of(64);
        assertSame(g, g.withBootFanoutLeaf(16));
        RcuGeometry b = checked(g.withBootFanoutLeaf(4));
        assertShape(b, new int[] {1, 16}, new int[] {16, 4});
        assertEquals(4, b.fanoutLeaf());
        // One compiled level cannot grow: 16 CPUs with a boot leaf of 4 would need two.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RcuGeometry.of(16).withBootFanoutLeaf(4));
        assertTrue(e.getMessage().contains("keeps the compiled shape"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> g.withBootFanoutLeaf(1));
        assertThrows(IllegalArgumentException.class, () -> g.withBootFanoutLeaf(65));
        // A larger boot leaf may need fewer levels than compiled.
        assertShape(checked(g.withBootFanoutLeaf(64)), new int[] {1}, new int[] {64});
    }

    @Test
    void layoutDumpReadsLikeTheKernel() {
        assertEquals("rcu_node tree layout dump\n 0:7 ^0  \n 0:2 ^0  3:5 ^1  6:7 ^2  \n",
                RcuGeometry.of(8, 3, 3).layoutDump());
    }

    @Test
    void everyDefaultSizeUpToTheMaximumIsWellFormed() {
        for (int n = 1; n <= RcuGeometry.MAX_NR_CPUS; n++) {
            checked(RcuGeometry.of(n));
        }
    }

    @Test
    void smallSizesAreWellFormedForManyFanouts() {
        int[] fanouts = {2, 3, 4, 5, 7, 8, 16, 64};
        for (int fanout : fanouts) {
            for (int leaf : fanouts) {
                for (int n = 1; n <= 300; n++) {
                    if (n > leaf * Math.pow(fanout, 3)) {
                        assertThrows(IllegalArgumentException.class, geometry(n, fanout, leaf));
                        continue;
                    }
                    checked(RcuGeometry.of(n, fanout, leaf, false));
                    checked(RcuGeometry.of(n, fanout, leaf, true));
                }
            }
        }
    }

    private static org.junit.jupiter.api.function.Executable geometry(int n, int fanout, int leaf) {
        return () -> RcuGeometry.of(n, fanout, leaf);
    }

    private static void assertShape(RcuGeometry g, int[] numRcuLvl, int[] levelspread) {
        assertEquals(numRcuLvl.length, g.numLvls(), g.toString());
        int total = 0;
        for (int l = 0; l < numRcuLvl.length; l++) {
            assertEquals(numRcuLvl[l], g.numRcuLvl(l), "num_rcu_lvl[" + l + "] " + g);
            assertEquals(levelspread[l], g.levelspread(l), "levelspread[" + l + "] " + g);
            assertEquals(total, g.levelFirst(l));
            total += numRcuLvl[l];
        }
        assertEquals(total, g.numNodes());
    }

    private static void assertNode(Node n, int level, int parent, int grplo, int grphi, int grpnum, long grpmask) {
        assertEquals(List.of(level, parent, grplo, grphi, grpnum, grpmask),
                List.of(n.level(), n.parent(), n.grplo(), n.grphi(), n.grpnum(), n.grpmask()), n.toString());
    }

    private static List<Integer> pathToRoot(RcuGeometry g, int cpu) {
        List<Integer> path = new ArrayList<>();
        for (int i = g.leafOf(cpu).index(); i >= 0; i = g.node(i).parent()) {
            path.add(i);
        }
        return path;
    }

    /** The structural rules every tree must satisfy; returns g for chaining. */
    private static RcuGeometry checked(RcuGeometry g) {
        String why = g.toString();
        int n = g.nrCpuIds();
        int lvls = g.numLvls();
        // Depth: smallest L with n <= LEAF * FANOUT^(L-1).
        long cap = g.fanoutLeaf();
        int want = 1;
        while (n > cap) {
            cap *= g.fanout();
            want++;
        }
        assertEquals(want, lvls, why);
        assertTrue(lvls <= RcuGeometry.MAX_RCU_LVLS, why);
        assertEquals(g.numNodes(), g.levelFirst(lvls), why);
        assertEquals(g.levelFirst(lvls - 1), g.firstLeaf(), why);

        Node root = g.root();
        assertNode(root, 0, -1, 0, n - 1, 0, 0L);
        for (int i = 0; i < g.numNodes(); i++) {
            Node node = g.node(i);
            assertEquals(i, node.index(), why);
            assertTrue(node.grplo() <= node.grphi(), "empty node " + node + " " + why);
            assertTrue(g.levelFirst(node.level()) <= i && i < g.levelFirst(node.level() + 1), why);
            assertEquals(g.isLeaf(i), node.level() == lvls - 1, why);
            if (g.isLeaf(i)) {
                assertTrue(node.grphi() - node.grplo() < Long.SIZE, why);
                continue;
            }
            // Children: contiguous, numbered 0..k-1, tiling the parent's range, masks filling fullMask.
            long masks = 0;
            int expectLo = node.grplo();
            int grpnum = 0;
            for (int c = g.levelFirst(node.level() + 1); c < g.levelFirst(node.level() + 2); c++) {
                Node child = g.node(c);
                if (child.parent() != i) {
                    continue;
                }
                assertEquals(grpnum++, child.grpnum(), why);
                assertEquals(1L << child.grpnum(), child.grpmask(), why);
                assertEquals(expectLo, child.grplo(), why);
                expectLo = child.grphi() + 1;
                assertEquals(0, masks & child.grpmask(), why);
                masks |= child.grpmask();
            }
            assertEquals(node.grphi() + 1, expectLo, why);
            assertTrue(grpnum >= 1 && grpnum <= g.levelspread(node.level()), why);
            assertEquals(g.fullMask(i), masks, why);
        }
        // The leaves tile 0..n-1 in order, so every CPU is in exactly one; its bits fill the leaf's mask.
        int nextLo = 0;
        for (int i = g.firstLeaf(); i < g.numNodes(); i++) {
            assertEquals(nextLo, g.node(i).grplo(), why);
            nextLo = g.node(i).grphi() + 1;
        }
        assertEquals(n, nextLo, why);
        long[] leafBits = new long[g.numNodes()];
        for (int cpu = 0; cpu < n; cpu++) {
            Node leaf = g.leafOf(cpu);
            assertTrue(g.isLeaf(leaf.index()) && leaf.covers(cpu), "cpu " + cpu + " " + why);
            assertEquals(0, leafBits[leaf.index()] & g.cpuMask(cpu), why);
            leafBits[leaf.index()] |= g.cpuMask(cpu);
        }
        for (int i = g.firstLeaf(); i < g.numNodes(); i++) {
            assertEquals(g.fullMask(i), leafBits[i], why);
        }
        return g;
    }
}
