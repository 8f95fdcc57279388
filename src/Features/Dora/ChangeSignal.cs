namespace Fawkes.Portal.Features.Dora;

/// <summary>
/// "Something changed, look again": any number of concurrent <see cref="Set"/> calls leave at most one wake-up pending, and
/// <see cref="Set"/> never throws. (Checking <c>CurrentCount == 0</c> before <c>Release()</c> is not atomic: two writers
/// committing together both released, the second got <see cref="SemaphoreFullException"/> back in its ingest call.)
/// </summary>
internal sealed class ChangeSignal : IDisposable
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private int _pending;

    /// <summary>Called by writers after their commit; cheap and safe from any thread.</summary>
    public void Set()
    {
        // Only the caller that turns "nothing pending" into "pending" releases, so the count never passes one.
        if (Interlocked.Exchange(ref _pending, 1) == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Waits for a change or the timeout; true when woken by a change.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        if (!await _wake.WaitAsync(timeout, ct))
        {
            return false; // nothing was taken: a pending release (if one raced the timeout) stays for the next wait
        }
        // Cleared only after taking the release: a Set from now on releases again, and the caller reads after this point.
        Volatile.Write(ref _pending, 0);
        return true;
    }

    public void Dispose() => _wake.Dispose();
}
