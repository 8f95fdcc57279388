using Fawkes.Portal.Integrations;

namespace Fawkes.Portal.Tests.Integrations.Kubernetes;

public sealed class SingleFlightCacheTests
{
    private sealed class ManualTime : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public async Task Invalidated_keys_load_afresh_and_the_others_keep_their_answer()
    {
        var cache = new SingleFlightCache<int>(new ManualTime(), TimeSpan.FromSeconds(10));
        var loads = 0;
        Task<int> Load() => Task.FromResult(Interlocked.Increment(ref loads));
        Assert.Equal(1, await cache.GetAsync("argo\na", Load, CancellationToken.None));
        Assert.Equal(2, await cache.GetAsync("other\na", Load, CancellationToken.None));

        cache.Invalidate(k => k.StartsWith("argo\n", StringComparison.Ordinal));

        Assert.Equal(3, await cache.GetAsync("argo\na", Load, CancellationToken.None));
        Assert.Equal(2, await cache.GetAsync("other\na", Load, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_callers_share_one_load_and_its_answer_until_it_expires()
    {
        var time = new ManualTime();
        var cache = new SingleFlightCache<int>(time, TimeSpan.FromSeconds(10));
        var loads = 0;
        var gate = new TaskCompletionSource();
        async Task<int> Load()
        {
            Interlocked.Increment(ref loads);
            await gate.Task;
            return loads;
        }

        var callers = Enumerable.Range(0, 50).Select(_ => cache.GetAsync("k", Load, CancellationToken.None)).ToList();
        gate.SetResult();
        var answers = await Task.WhenAll(callers);

        Assert.Equal(1, loads);
        Assert.All(answers, a => Assert.Equal(1, a));
        time.Now = time.Now.AddSeconds(9);
        Assert.Equal(1, await cache.GetAsync("k", Load, CancellationToken.None));
        time.Now = time.Now.AddSeconds(2);
        Assert.Equal(2, await cache.GetAsync("k", Load, CancellationToken.None));
    }

    [Fact]
    public async Task A_caller_giving_up_does_not_cancel_the_load_for_the_others()
    {
        var cache = new SingleFlightCache<string>(TimeProvider.System, TimeSpan.FromSeconds(10));
        var gate = new TaskCompletionSource();
        using var leaving = new CancellationTokenSource();
        var first = cache.GetAsync("k", async () => { await gate.Task; return "answer"; }, leaving.Token);
        var second = cache.GetAsync("k", () => Task.FromResult("other load"), CancellationToken.None);

        await leaving.CancelAsync();
        gate.SetResult();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.Equal("answer", await second);
    }

    [Fact]
    public async Task A_failed_load_is_not_kept()
    {
        var cache = new SingleFlightCache<int>(TimeProvider.System, TimeSpan.FromSeconds(10));

        await Assert.ThrowsAsync<InvalidOperationException>(() => cache.GetAsync("k", () => throw new InvalidOperationException(), CancellationToken.None));

        Assert.Equal(7, await cache.GetAsync("k", () => Task.FromResult(7), CancellationToken.None));
    }
}
