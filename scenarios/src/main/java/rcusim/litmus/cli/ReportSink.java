package rcusim.litmus.cli;

/**
 * Where a litmus run's report goes, test by test: the header when the run starts, each
 * test's lines as soon as it (and every test before it) has finished, the summary at the end
 * or on interruption. Every call leaves its output flushed, so a kill loses nothing printed.
 */
interface ReportSink {
    void begin(RunInfo run);

    void test(TestReport t);

    void end(Tally tally);
}
