using System.Globalization;
using System.Text.Json.Nodes;
using Fawkes.Portal.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fawkes.Portal.Features.Dora.Webhooks;

/// <summary>
/// The earliest commit GitHub's <c>push</c> webhooks showed on a branch: a merged pull request's <c>firstCommitAt</c>
/// (its coding time), which the pull request webhook itself does not carry.
/// </summary>
public sealed class BranchFirstCommit
{
    /// <summary><c>owner/name</c>, lowercase.</summary>
    public required string Repository { get; set; }
    public required string Branch { get; set; }
    /// <summary>Unix milliseconds (SQLite cannot compare offsets).</summary>
    public long FirstCommitAtUnixMs { get; set; }

    public DateTimeOffset FirstCommitAt => DateTimeOffset.FromUnixTimeMilliseconds(FirstCommitAtUnixMs);

    /// <summary>Keeps the earliest <c>commits[].timestamp</c> of a push to a branch (GitHub lists at most 20 commits a push).</summary>
    public static async Task<(string Repository, string Branch, DateTimeOffset FirstCommitAt)?> RecordPushAsync(PortalDbContext db, JsonObject payload, CancellationToken ct)
    {
        var repository = DoraJson.S(payload["repository"], "full_name")?.ToLowerInvariant();
        var reference = DoraJson.S(payload, "ref");
        if (repository is null || reference is null || !reference.StartsWith("refs/heads/", StringComparison.Ordinal))
        {
            return null; // tags and malformed pushes say nothing about coding time
        }
        var times = (payload["commits"] as JsonArray ?? []).OfType<JsonObject>()
            .Select(c => DateTimeOffset.TryParse(DoraJson.S(c, "timestamp"), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : (DateTimeOffset?)null)
            .OfType<DateTimeOffset>().ToList();
        if (times.Count == 0)
        {
            return null;
        }
        var branch = reference["refs/heads/".Length..];
        var earliest = times.Min().ToUnixTimeMilliseconds();
        var row = await db.Set<BranchFirstCommit>().FindAsync([repository, branch], ct);
        if (row is null)
        {
            db.Add(row = new BranchFirstCommit { Repository = repository, Branch = branch, FirstCommitAtUnixMs = earliest });
        }
        row.FirstCommitAtUnixMs = Math.Min(row.FirstCommitAtUnixMs, earliest);
        await db.SaveChangesAsync(ct);
        return (repository, branch, row.FirstCommitAt);
    }

    /// <summary>The branch's first commit for a pull request merged from it; the row goes, since a branch name may come back.</summary>
    public static async Task<DateTimeOffset?> TakeAsync(PortalDbContext db, string repository, string branch, CancellationToken ct)
    {
        var row = await db.Set<BranchFirstCommit>().FindAsync([repository.ToLowerInvariant(), branch], ct);
        if (row is null)
        {
            return null;
        }
        db.Remove(row);
        await db.SaveChangesAsync(ct);
        return row.FirstCommitAt;
    }
}

internal sealed class BranchFirstCommitConfiguration : IEntityTypeConfiguration<BranchFirstCommit>
{
    public void Configure(EntityTypeBuilder<BranchFirstCommit> b)
    {
        b.ToTable("dora_branch_first_commits");
        b.HasKey(e => new { e.Repository, e.Branch });
        b.Property(e => e.Repository).HasMaxLength(200);
        b.Property(e => e.Branch).HasMaxLength(250);
        b.Ignore(e => e.FirstCommitAt);
    }
}
