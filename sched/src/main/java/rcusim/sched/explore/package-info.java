/**
 * Searches for failing schedules: {@link rcusim.sched.explore.Search}, implemented by a campaign
 * of seeded runs on worker threads and by the bounded exhaustive search; their one result type,
 * report, replay-file writer and summary file, and {@link rcusim.sched.explore.Exploration},
 * which runs a search from banner to report. The only engine package that reads the wall clock
 * (time budgets, runs per second) and starts threads (workers, each running whole simulations).
 */
package rcusim.sched.explore;
