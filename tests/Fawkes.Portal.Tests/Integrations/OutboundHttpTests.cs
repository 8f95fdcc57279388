using System.Net;
using Fawkes.Portal.Integrations;
using Fawkes.Portal.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Fawkes.Portal.Tests.Integrations;

/// <summary>The shared pipeline against a real loopback server: what is retried, what is not, when the circuit opens.</summary>
public sealed class OutboundHttpTests : IAsyncLifetime
{
    private StaticHttpServer _server = default!;
    private ServiceProvider _services = default!;

    public async Task InitializeAsync()
    {
        _server = await StaticHttpServer.StartAsync();
        var services = new ServiceCollection().AddLogging();
        services.AddHttpClient("upstream").AddPortalResilience(_ => TimeSpan.FromSeconds(1));
        _services = services.BuildServiceProvider();
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _server.DisposeAsync();
    }

    private HttpClient Client => _services.GetRequiredService<IHttpClientFactory>().CreateClient("upstream");

    /// <summary>Answers 503 to the first <paramref name="failures"/> requests, then 200.</summary>
    private string FailingThen(string path, int failures)
    {
        var seen = 0;
        return _server.Handle(path, async ctx =>
        {
            if (Interlocked.Increment(ref seen) <= failures)
            {
                ctx.Response.StatusCode = 503;
                return;
            }
            await ctx.Response.WriteAsync("ok");
        });
    }

    [Fact]
    public async Task A_GET_answered_503_is_retried_until_it_succeeds()
    {
        var url = FailingThen("flaky", failures: 2);

        using var response = await Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
        Assert.Equal(3, _server.Hits("flaky"));
    }

    [Fact]
    public async Task A_GET_that_keeps_failing_is_tried_three_times_and_its_last_answer_returned()
    {
        var url = FailingThen("down", failures: int.MaxValue);

        using var response = await Client.GetAsync(url);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(OutboundHttp.MaxRetries + 1, _server.Hits("down"));
    }

    [Fact]
    public async Task A_POST_answered_503_is_not_retried()
    {
        var url = FailingThen("write", failures: 1);

        using var response = await Client.PostAsync(url, new StringContent("{}"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(1, _server.Hits("write"));
    }

    [Fact]
    public async Task A_GET_that_hangs_is_cut_per_attempt_and_reported_as_a_timeout()
    {
        var url = _server.Handle("hang", ctx => Task.Delay(Timeout.Infinite, ctx.RequestAborted));

        var ex = await Assert.ThrowsAsync<TaskCanceledException>(() => Client.GetAsync(url));

        Assert.Contains("GET http://localhost:", ex.Message, StringComparison.Ordinal);
        Assert.Contains("/hang: no answer within 1 s (timeout)", ex.Message, StringComparison.Ordinal);
        Assert.IsType<TimeoutException>(ex.InnerException);
        Assert.Equal(OutboundHttp.MaxRetries + 1, _server.Hits("hang"));
    }

    [Fact]
    public async Task The_circuit_opens_after_repeated_failures_and_later_calls_are_not_sent()
    {
        var url = FailingThen("broken", failures: int.MaxValue);
        for (var i = 0; i < OutboundHttp.MinimumThroughput; i++)
        {
            // POSTs are not retried, so each call is one sample for the breaker.
            using var failed = await Client.PostAsync(url, new StringContent("{}"));
            Assert.Equal(HttpStatusCode.ServiceUnavailable, failed.StatusCode);
        }

        var ex = await Assert.ThrowsAsync<HttpRequestException>(() => Client.GetAsync(url));

        Assert.Contains("/broken: not sent, the host failed repeatedly (circuit open", ex.Message, StringComparison.Ordinal);
        Assert.Equal(OutboundHttp.MinimumThroughput, _server.Hits("broken"));
    }
}
