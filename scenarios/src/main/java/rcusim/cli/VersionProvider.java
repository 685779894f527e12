package rcusim.cli;

import picocli.CommandLine.IVersionProvider;
import rcusim.machine.strand.ContinuationStrands;
import rcusim.machine.strand.StrandFactory;
import rcusim.sched.replay.BuildInfo;

/** {@code rcusim --version}: the build, the JDK and which strands this JVM can run. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        BuildInfo b = BuildInfo.current();
        String strands;
        try {
            strands = StrandFactory.best().name();
            if (!ContinuationStrands.isAvailable()) {
                strands += " (continuations unavailable: " + ContinuationStrands.unavailableReason() + ")";
            }
        } catch (RuntimeException e) {
            strands = "none (" + e.getMessage() + ")";
        }
        return new String[] {
            b.versionLine(),
            "java " + Runtime.version() + " (" + System.getProperty("java.vendor", "unknown vendor")
                    + "), strands: " + strands,
        };
    }
}
