namespace Fawkes.Portal.Simulators.GitHub;

/// <summary>
/// What a test makes the simulated GitHub do wrong. Checked after authentication, as on GitHub: a bad token is a 401
/// whatever else is set. Thread-safe; set between requests.
/// </summary>
public sealed class GitHubFaults
{
    private readonly Lock _gate = new();
    private long _latencyTicks;
    private int? _failAfter;
    private string? _failMatching;
    private int _failStatus = 500;

    /// <summary>Added before every answer.</summary>
    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, value.Ticks);
    }

    /// <summary>Every request answers 500 with GitHub's "Server Error" body.</summary>
    public bool ServerError { get; set; }

    /// <summary>Every token is refused (401 Bad credentials), as after the token was revoked.</summary>
    public bool RejectToken { get; set; }

    /// <summary>
    /// Requests GitHub still allows this hour; <c>null</c> is unlimited. At 0 every request answers 403 "API rate limit
    /// exceeded" with <c>X-RateLimit-Remaining: 0</c> and the reset time.
    /// </summary>
    public int? RateLimitRemaining { get; set; }

    /// <summary>
    /// Let <paramref name="calls"/> more requests (those whose "METHOD /path" contains <paramref name="matching"/>, or all)
    /// through, then answer every such request with <paramref name="status"/>: GitHub failing in the middle of a run.
    /// </summary>
    public void FailAfter(int calls, string? matching = null, int status = 500)
    {
        lock (_gate)
        {
            (_failAfter, _failMatching, _failStatus) = (calls, matching, status);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            (_failAfter, _failMatching, _failStatus) = (null, null, 500);
        }
        (Latency, ServerError, RejectToken, RateLimitRemaining) = (TimeSpan.Zero, false, false, null);
    }

    /// <summary>The status this request must fail with, or null; counts the request against <see cref="FailAfter"/>.</summary>
    internal int? Injected(string request)
    {
        if (ServerError)
        {
            return 500;
        }
        lock (_gate)
        {
            if (_failAfter is not { } left || (_failMatching is not null && !request.Contains(_failMatching, StringComparison.Ordinal)))
            {
                return null;
            }
            if (left > 0)
            {
                _failAfter = left - 1;
                return null;
            }
            return _failStatus;
        }
    }

    /// <summary>Counts one request against the rate limit; false when none is left.</summary>
    internal bool TakeRateLimit(out int remaining)
    {
        lock (_gate)
        {
            if (RateLimitRemaining is not { } left)
            {
                remaining = 4999;
                return true;
            }
            if (left <= 0)
            {
                remaining = 0;
                return false;
            }
            RateLimitRemaining = remaining = left - 1;
            return true;
        }
    }
}
