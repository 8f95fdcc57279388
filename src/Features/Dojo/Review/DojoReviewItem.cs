using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Fawkes.Portal.Features.Dojo.Review;

/// <summary>
/// A quiz question a learner missed, scheduled for spaced review: it is due again 1, 3, 7 and 21 days apart
/// (<see cref="ReviewSchedule"/>); a wrong answer starts it over, a right answer at the last stage retires it.
/// </summary>
public sealed class DojoReviewItem
{
    public required string Login { get; set; }
    /// <summary><c>moduleId/questionId</c>, as belt assessments key questions.</summary>
    public required string QuestionKey { get; set; }
    /// <summary>How many reviews in a row were answered right (0 after a miss).</summary>
    public int Stage { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

internal sealed class DojoReviewItemConfiguration : IEntityTypeConfiguration<DojoReviewItem>
{
    public void Configure(EntityTypeBuilder<DojoReviewItem> builder)
    {
        builder.ToTable("dojo_review_items");
        builder.HasKey(r => new { r.Login, r.QuestionKey });
        builder.Property(r => r.Login).HasMaxLength(100);
        builder.Property(r => r.QuestionKey).HasMaxLength(220);
    }
}
