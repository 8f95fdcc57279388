namespace Fawkes.Portal.Integrations;

/// <summary>A connection a guard refused (e.g. to a private address): final, so never retried.</summary>
public sealed class OutboundRefusedException : Exception
{
    public OutboundRefusedException(string message, Exception inner) : base(message, inner)
    {
    }

    public OutboundRefusedException()
    {
    }

    public OutboundRefusedException(string message) : base(message)
    {
    }

    /// <summary>HttpClient wraps what a connect callback throws; look through the wrapping.</summary>
    public static bool IsIn(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is OutboundRefusedException)
            {
                return true;
            }
        }
        return false;
    }
}
