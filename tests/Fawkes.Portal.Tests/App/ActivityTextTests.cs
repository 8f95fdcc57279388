using Fawkes.Portal.App.Home;
using Fawkes.Portal.Operations.Audit;

namespace Fawkes.Portal.Tests.App;

public sealed class ActivityTextTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0, "just now")]
    [InlineData(5, "5 min ago")]
    [InlineData(90, "1 h ago")]
    [InlineData(60 * 24 * 3 + 5, "3 d ago")]
    public void Ago_reads_like_a_person_would_say_it(int minutesAgo, string expected) =>
        Assert.Equal(expected, ActivityText.Ago(Now.AddMinutes(-minutesAgo), Now));

    [Theory]
    [InlineData("user.signin", "user:amara", "signed in")]
    [InlineData("apitoken.create", "apitoken:jenkins-dora", "created API token jenkins-dora")]
    [InlineData("apitoken.revoke", "apitoken:old", "revoked API token old")]
    [InlineData("catalog.location.register", "location:url:https://x/catalog-info.yaml", "registered url:https://x/catalog-info.yaml")]
    [InlineData("something.else", "thing:x", "something.else thing:x")]
    public void Describe_turns_audit_entries_into_sentences(string action, string target, string expected) =>
        Assert.Equal(expected, ActivityText.Describe(new AuditEntry { Actor = "a", Action = action, Target = target }));
}
