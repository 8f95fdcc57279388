namespace Fawkes.Portal.Operations;

/// <summary>
/// Gives memory back to the operating system after a bulk job. A large catalog ingestion parses, indexes and
/// snapshots thousands of entities at once; the garbage collector keeps the heap it grew to, so a replica stayed at its
/// peak for hours. One aggressive, compacting collection a few seconds later (after the snapshot rebuild that
/// follows the change) returns it. Requests within the delay are merged into one collection.
/// </summary>
public static class MemoryTrim
{
    private static int _scheduled;

    public static void RequestAfterBulkWork(TimeSpan delay)
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 1)
        {
            return;
        }
        _ = Task.Run(async () =>
        {
            await Task.Delay(delay);
            Interlocked.Exchange(ref _scheduled, 0);
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        });
    }
}
