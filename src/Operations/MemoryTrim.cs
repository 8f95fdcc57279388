namespace Fawkes.Portal.Operations;

/// <summary>
/// Gives memory back to the operating system after a bulk job. A large catalog ingestion parses, indexes and
/// snapshots thousands of entities at once; the garbage collector keeps the heap it grew to, so a replica stayed at its
/// peak for hours. One aggressive, compacting collection shortly after the last request (the snapshot rebuild that
/// follows the change asks again when it ends) returns it. Requests within the delay are merged into one collection.
/// </summary>
public static class MemoryTrim
{
    private static readonly Lock Gate = new();
    private static long _dueTicks;
    private static bool _scheduled;

    /// <summary>Collect once no request has asked for a later time: <paramref name="delay"/> from now at the earliest.</summary>
    public static void RequestAfterBulkWork(TimeSpan delay)
    {
        lock (Gate)
        {
            _dueTicks = Math.Max(_dueTicks, DateTime.UtcNow.Add(delay).Ticks);
            if (_scheduled)
            {
                return;
            }
            _scheduled = true;
        }
        _ = Task.Run(async () =>
        {
            while (true)
            {
                TimeSpan wait;
                lock (Gate)
                {
                    wait = TimeSpan.FromTicks(_dueTicks - DateTime.UtcNow.Ticks);
                    if (wait <= TimeSpan.Zero)
                    {
                        _scheduled = false;
                        break;
                    }
                }
                await Task.Delay(wait);
            }
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        });
    }
}
