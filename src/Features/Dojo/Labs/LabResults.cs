namespace Fawkes.Portal.Features.Dojo.Labs;

/// <summary>The two answers a lab check gives.</summary>
public static class LabStatus
{
    public const string Pass = "PASS";
    public const string Fail = "FAIL";
}

/// <summary>One check's answer: PASS or FAIL, a message that says what was found and how to fix it, and where the fix is done.</summary>
/// <param name="Link">A portal page (the entity's tab, the wizard …), or null when no page can fix it.</param>
public sealed record LabCheckResult(string Type, string Status, string Message, string? Link)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Passed => Status == LabStatus.Pass;

    public static LabCheckResult Pass(string type, string message, string? link = null) => new(type, LabStatus.Pass, message, link);

    public static LabCheckResult Fail(string type, string message, string? link = null) => new(type, LabStatus.Fail, message, link);
}

/// <summary>A lab run: passed when every check passed. Stored as a learner's evidence (<c>dojo_lab_results.EvidenceJson</c>).</summary>
public sealed record LabRunResult(bool Passed, string Service, DateTimeOffset CheckedAt, IReadOnlyList<LabCheckResult> Checks);
