using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Fawkes.Portal.Integrations;

/// <summary>
/// The one resilience pipeline every outbound client uses (catalog URLs and the Backstage mirror, GitHub through
/// Octokit, ArgoCD, Jenkins), per upstream host:
/// total timeout → retry (GET/HEAD only, exponential with jitter) → circuit breaker → per-attempt timeout.
/// </summary>
public static class OutboundHttp
{
    /// <summary>Retries after the first attempt, so a read is tried at most three times.</summary>
    public const int MaxRetries = 2;

    /// <summary>The circuit opens when this share of calls failed in <see cref="SamplingDuration"/> (with at least <see cref="MinimumThroughput"/> calls).</summary>
    public const double FailureRatio = 0.8;
    public const int MinimumThroughput = 10;
    public static readonly TimeSpan SamplingDuration = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(15);
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// Everything a call may take, retries and their waits included: every attempt, every wait at up to twice its
    /// exponential delay (jitter), and 2 s of slack, so a hanging host is reported by the per-attempt timeout it hit.
    /// </summary>
    public static TimeSpan TotalTimeout(TimeSpan attempt) =>
        attempt * (MaxRetries + 1) + FirstRetryDelay * 2 * ((1 << MaxRetries) - 1) + TimeSpan.FromSeconds(2);

    /// <param name="attemptTimeout">How long one attempt may take (a setting such as <c>Dora:ArgoCd:TimeoutSeconds</c>).</param>
    public static IHttpClientBuilder AddPortalResilience(this IHttpClientBuilder builder, Func<IServiceProvider, TimeSpan> attemptTimeout)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(attemptTimeout);
        // The pipeline's total timeout bounds the call; HttpClient's own 100 s default would cut it short or hide it.
        builder.ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan);
        // Added first, so it sits outside the pipeline and sees what the pipeline throws.
        builder.AddHttpMessageHandler(() => new PipelineRejections());
        // One pipeline (and circuit) per scheme+host+port: a failing host must not shut out the others. Catalog URLs are
        // limited to allow-listed hosts, so the number of pipelines stays small.
        builder.AddResilienceHandler("portal", (pipeline, context) =>
        {
            var attempt = attemptTimeout(context.ServiceProvider);
            AddPortalStrategies(pipeline, attempt, TotalTimeout(attempt));
        }).SelectPipelineByAuthority();
        return builder;
    }

    /// <summary>
    /// The same pipeline as handlers for a client that builds its own HttpClient (KubernetesClient): one pipeline, so one
    /// circuit, per instance. Put them in front of the client's primary handler, in this order.
    /// </summary>
    /// <param name="total">Everything a call may take, retries included (a cluster's whole answer budget).</param>
    public static DelegatingHandler[] CreateHandlers(TimeSpan attempt, TimeSpan total)
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>();
        AddPortalStrategies(pipeline, attempt, total);
        return [new PipelineRejections(), new ResilienceHandler(pipeline.Build())];
    }

    /// <summary>total timeout → retry (GET/HEAD only, exponential with jitter) → circuit breaker → per-attempt timeout.</summary>
    private static void AddPortalStrategies(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, TimeSpan attempt, TimeSpan total) =>
        pipeline
            .AddTimeout(total)
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = FirstRetryDelay,
                ShouldHandle = args => ValueTask.FromResult(
                    IsIdempotentRead(args.Context.GetRequestMessage()) && HttpClientResiliencePredicates.IsTransient(args.Outcome)
                    && !OutboundRefusedException.IsIn(args.Outcome.Exception)),
            })
            .AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
            {
                FailureRatio = FailureRatio,
                MinimumThroughput = MinimumThroughput,
                SamplingDuration = SamplingDuration,
                BreakDuration = BreakDuration,
                // A refused address is the guard working, not the host failing: it must not open the circuit for everyone.
                ShouldHandle = args => ValueTask.FromResult(
                    HttpClientResiliencePredicates.IsTransient(args.Outcome) && !OutboundRefusedException.IsIn(args.Outcome.Exception)),
            })
            .AddTimeout(attempt);

    /// <summary>Only reads are repeated: a POST that timed out may have been applied, and sending it again could apply it twice.</summary>
    internal static bool IsIdempotentRead(HttpRequestMessage? request) =>
        request is not null && (request.Method == HttpMethod.Get || request.Method == HttpMethod.Head);

    /// <summary>Scheme, host, port and path: never the query or user info, which may carry credentials.</summary>
    internal static string Shown(HttpRequestMessage request) =>
        request.RequestUri?.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped) ?? "(no URL)";

    /// <summary>
    /// Turns the pipeline's own refusals into the exceptions callers of HttpClient already handle: a timeout becomes a
    /// <see cref="TaskCanceledException"/> over a <see cref="TimeoutException"/> (as HttpClient.Timeout does), an open
    /// circuit an <see cref="HttpRequestException"/>, each naming the request.
    /// </summary>
    private sealed class PipelineRejections : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            catch (TimeoutRejectedException ex) when (!cancellationToken.IsCancellationRequested)
            {
                var message = $"{request.Method} {Shown(request)}: no answer within {ex.Timeout.TotalSeconds:0.#} s (timeout).";
                throw new TaskCanceledException(message, new TimeoutException(message, ex));
            }
            catch (BrokenCircuitException ex)
            {
                throw new HttpRequestException(
                    $"{request.Method} {Shown(request)}: not sent, the host failed repeatedly (circuit open for {BreakDuration.TotalSeconds:0} s).", ex);
            }
        }
    }
}
