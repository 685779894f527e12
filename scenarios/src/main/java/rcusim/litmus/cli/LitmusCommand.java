package rcusim.litmus.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import rcusim.cli.ExitCodes;
import rcusim.cli.Progress;
import rcusim.litmus.exec.SearchBudget;
import rcusim.machine.memory.MemoryModel;

/** {@code rcusim litmus PATH...}: runs LKMM litmus tests exhaustively and grades them. */
@Command(name = "litmus", mixinStandardHelpOptions = true,
        header = "Runs C litmus tests exhaustively and checks their verdicts.", sortOptions = false,
        description = {
            "Runs C litmus tests (files, or directories of *.litmus) and reports every",
            "outcome with its execution count and the verdict on the final clause (Never,",
            "Sometimes or Always, as herd7 states them). The default model, lkmm, is an",
            "axiomatic engine for the kernel's memory model (as herd7 checks it); sc, tso",
            "and weak explore the simulated machine. Each test is printed as soon as it",
            "finishes, in input order.",
            "Expected verdicts come from --expect files and from any EXPECTED.tsv inside a",
            "directory given.",
            "A search that stops early (--max-states, --timeout, the memory budget, Ctrl-C)",
            "gives no verdict: the test is INCOMPLETE."
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every test ran to the end and met its expectation",
            "1:an expected Never was observed or an expected Always violated",
            "2:usage error",
            "3:a test file could not be read, parsed or run, or no test was found",
            "5:a test was INCOMPLETE (without --allow-incomplete)",
            "130:interrupted (Ctrl-C); the tests that finished and a summary are printed"
        })
public final class LitmusCommand implements Callable<Integer> {
    /** Output formats. */
    public enum Format { text, tsv, json }

    /** How long the main thread's summary may keep Ctrl-C waiting. */
    private static final long CTRL_C_WAIT_MILLIS = 10_000;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "litmus files or directories")
    List<Path> paths;

    @Option(names = "--model", defaultValue = "lkmm",
            description = "lkmm (the axiomatic LKMM engine, exact), or the machine's sc, tso, weak or power (non-multicopy-atomic) (default: ${DEFAULT-VALUE})")
    String model;

    @Option(names = "--also", paramLabel = "MODEL",
            description = "with lkmm: also run the machine's model (sc, tso, weak or power) on each test and grade it"
                    + " against LKMM (unsound: an outcome LKMM forbids; incomplete: an allowed one missed)")
    String also;

    @Option(names = "--jobs", description = "tests run in parallel (default: all cores)")
    Integer jobs;

    @Option(names = "--format", defaultValue = "text",
            description = "text, tsv or json (JSON Lines: one object per line) (default: ${DEFAULT-VALUE})")
    Format format;

    @Option(names = "--expect", paramLabel = "FILE.tsv",
            description = "expected verdicts (columns file, expected); may be repeated."
                    + " A directory's own EXPECTED.tsv files are read without it")
    List<Path> expect = new ArrayList<>();

    @Option(names = "--max-states", paramLabel = "N", defaultValue = "5000000",
            description = "states explored per test before it stops INCOMPLETE (default: ${DEFAULT-VALUE})")
    long maxStates;

    @Option(names = "--timeout", paramLabel = "D", defaultValue = "60s",
            description = "time per test before it stops INCOMPLETE, e.g. 30s, 5m, or none (default: ${DEFAULT-VALUE})")
    String timeout;

    @Option(names = "--allow-incomplete",
            description = "exit 0 (not 5) when tests are INCOMPLETE; they are still reported so")
    boolean allowIncomplete;

    @Override
    public Integer call() throws InterruptedException {
        long startNanos = System.nanoTime();
        MemoryModel mm = null;
        MemoryModel alsoModel = null;
        if (!model.equals("lkmm")) {
            try {
                mm = MemoryModel.parse(model);
            } catch (IllegalArgumentException e) {
                throw usage("--model: " + e.getMessage() + " (or lkmm)");
            }
        }
        if (also != null) {
            if (mm != null) {
                throw usage("--also grades a machine model against lkmm: use it with --model lkmm (the default)");
            }
            try {
                alsoModel = MemoryModel.parse(also);
            } catch (IllegalArgumentException e) {
                throw usage("--also: " + e.getMessage());
            }
        }
        int n = jobs == null ? Runtime.getRuntime().availableProcessors() : jobs;
        if (n < 1) {
            throw usage("--jobs must be at least 1");
        }
        if (maxStates < 0) {
            throw usage("--max-states must be 0 or more, not " + maxStates);
        }
        long timeoutNanos = parseTimeout(timeout);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        List<Path> files = new ArrayList<>();
        List<String> pathErrors = new ArrayList<>();
        List<Path> expectFiles = new ArrayList<>();
        expect.forEach(e -> expectFiles.add(e.toAbsolutePath().normalize()));
        for (Path p : paths) {
            collect(p, files, expectFiles, pathErrors);
        }
        pathErrors.forEach(err::println);
        err.flush();
        if (files.isEmpty()) {
            err.println("rcusim litmus: no *.litmus test found in " + paths.stream().map(Path::toString)
                    .reduce((a, b) -> a + ", " + b).orElse(""));
            return ExitCodes.BAD_INPUT;
        }
        Expectations expectations = Expectations.read(expectFiles.stream().distinct().toList());

        SearchBudget budget = new SearchBudget(maxStates, SearchBudget.heapShare(Math.min(n, files.size())),
                timeoutNanos, () -> false);
        ReportSink sink = switch (format) {
            case text -> new TextReport(out, err);
            case tsv -> new TsvReport(out, err);
            case json -> new JsonReport(out);
        };
        LitmusBatch batch = new LitmusBatch(mm, alsoModel, budget, n);
        Tally tally = new Tally(files.size());
        CountDownLatch reported = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            batch.cancel();
            try {
                reported.await(CTRL_C_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rcusim-litmus-ctrl-c");
        try (Progress progress = Progress.forTerminal(err)) {
            Runtime.getRuntime().addShutdownHook(hook);
            sink.begin(new RunInfo(mm == null ? "lkmm" : mm.text(),
                    alsoModel == null ? null : alsoModel.text(), n, budget, files.size()));
            batch.run(files, expectations, sink, tally, progress);
            progress.clear();
            tally.interrupted = batch.cancelled();
            tally.wallMs = (System.nanoTime() - startNanos) / 1e6;
            sink.end(tally);
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already (Ctrl-C): the summary above is out
            }
        }
        if (tally.count(TestReport.Status.FAIL) > 0) {
            return ExitCodes.FAILURE_FOUND;
        }
        if (batch.internalErrors() > 0) {
            return ExitCodes.INTERNAL;
        }
        if (tally.count(TestReport.Status.ERROR) > 0 || !pathErrors.isEmpty()) {
            return ExitCodes.BAD_INPUT;
        }
        if (tally.interrupted) {
            return ExitCodes.INTERRUPTED;
        }
        return tally.count(TestReport.Status.INCOMPLETE) > 0 && !allowIncomplete ? ExitCodes.INCOMPLETE : ExitCodes.PASS;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** A per-test time limit: 500ms, 30s, 5m, 1h, or none. */
    private long parseTimeout(String d) {
        String s = d.trim().toLowerCase(Locale.ROOT);
        if (s.equals("none")) {
            return Long.MAX_VALUE;
        }
        long unit;
        String num;
        if (s.endsWith("ms")) {
            unit = 1_000_000L;
            num = s.substring(0, s.length() - 2);
        } else if (s.endsWith("s") || s.endsWith("m") || s.endsWith("h")) {
            char u = s.charAt(s.length() - 1);
            unit = (u == 's' ? 1L : u == 'm' ? 60L : 3600L) * 1_000_000_000L;
            num = s.substring(0, s.length() - 1);
        } else {
            throw usage("--timeout must be a duration such as 30s, 5m or 500ms, or none; not '" + d + "'");
        }
        long v;
        try {
            v = Long.parseLong(num);
        } catch (NumberFormatException e) {
            throw usage("--timeout must be a duration such as 30s, 5m or 500ms, or none; not '" + d + "'");
        }
        if (v <= 0 || v > Long.MAX_VALUE / unit / 2) {
            throw usage("--timeout must be positive (or none), not '" + d + "'");
        }
        return v * unit;
    }

    private static void collect(Path p, List<Path> files, List<Path> expectFiles, List<String> errors) {
        if (Files.isDirectory(p)) {
            int before = files.size();
            try (Stream<Path> s = Files.walk(p)) {
                for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
                    if (f.toString().endsWith(".litmus")) {
                        files.add(f);
                    } else if (f.getFileName().toString().equals("EXPECTED.tsv")) {
                        expectFiles.add(f.toAbsolutePath().normalize());
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                errors.add(p + ": cannot list directory: " + e.getMessage());
                return;
            }
            if (files.size() == before) {
                errors.add(p + ": no *.litmus file in this directory");
            }
        } else if (Files.isRegularFile(p)) {
            files.add(p);
        } else {
            errors.add(p + ": no such file or directory");
        }
    }
}
