namespace Fawkes.Portal.Testing;

/// <summary>Credentials for local simulators, new each run: nothing secret-looking is committed, and a leak test cannot pass by luck.</summary>
public static class TestSecret
{
    public static string New(string purpose) => $"{purpose}-{Guid.NewGuid():N}";
}
