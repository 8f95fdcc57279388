namespace Fawkes.Portal.Testing;

/// <summary>Waits for a condition with a deadline instead of a fixed sleep, so a loaded machine is slower, not red.</summary>
public static class Poll
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, int everyMs = 100)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}.");
            }
            await Task.Delay(everyMs);
        }
    }

    public static Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what, int everyMs = 100) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what, everyMs);
}
