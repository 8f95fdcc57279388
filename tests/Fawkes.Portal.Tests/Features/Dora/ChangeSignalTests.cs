using Fawkes.Portal.Features.Dora;

namespace Fawkes.Portal.Tests.Features.Dora;

/// <summary>The DORA gauges' wake-up: raised by every committed ingest, so it must never throw back to the writer.</summary>
public sealed class ChangeSignalTests
{
    [Fact]
    public async Task Writers_setting_together_after_each_wake_up_never_throw()
    {
        using var signal = new ChangeSignal();
        const int Rounds = 100_000;
        var round = 0;
        var otherDone = 0;
        Exception? otherFailure = null;
        // Each round one thread takes the wake-up, opens the round and sets; the other, spinning on the round, sets at the
        // same instant. The old "CurrentCount == 0, then Release()" let both release, and the second got
        // SemaphoreFullException back in its ingest call.
        var other = new Thread(() =>
        {
            try
            {
                for (var r = 1; r <= Rounds; r++)
                {
                    while (Volatile.Read(ref round) < r) { Thread.SpinWait(1); } // no yielding: the two sets must coincide
                    signal.Set();
                    Volatile.Write(ref otherDone, r);
                }
            }
            catch (Exception ex)
            {
                otherFailure = ex;
                Volatile.Write(ref otherDone, int.MaxValue);
            }
        });
        other.Start();
        var woken = 0;
        for (var r = 1; r <= Rounds && otherFailure is null; r++)
        {
            while (Volatile.Read(ref otherDone) < r - 1) { Thread.SpinWait(1); }
            woken += await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None) ? 1 : 0; // completes at once
            Volatile.Write(ref round, r);
            signal.Set();
        }
        other.Join();

        Assert.Null(otherFailure);
        Assert.True(woken > 0);
    }

    [Fact]
    public async Task Many_sets_leave_one_wake_up_and_a_later_set_wakes_again()
    {
        using var signal = new ChangeSignal();
        Parallel.For(0, 10_000, _ => signal.Set());

        Assert.True(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
        Assert.False(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None)); // coalesced: no second wake-up pending
        signal.Set();
        Assert.True(await signal.WaitAsync(TimeSpan.Zero, CancellationToken.None));
    }
}
