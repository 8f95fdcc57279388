using Fawkes.Portal.Data.Changes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fawkes.Portal.Tests.Data;

public sealed class ChangeNoticeTests
{
    [Theory]
    [InlineData("catalog", null, null)]
    [InlineData("dora", "payments-api", "a1b2c3")]
    [InlineData("dora", "team|with|bars", "a1b2c3")]
    [InlineData("users", "priya.raman", null)]
    public void A_notice_survives_its_payload(string topic, string? key, string? origin)
    {
        var notice = new ChangeNotice(topic, key, origin);

        Assert.Equal(notice, ChangeNotice.Parse(notice.Payload));
    }

    [Fact]
    public void A_replica_recognises_its_own_echo_but_not_others_or_a_resync()
    {
        var feed = new ChangeFeed(NullLogger<ChangeFeed>.Instance);

        Assert.False(feed.IsFromElsewhere(new ChangeNotice(ChangeNotice.Catalog, null, feed.ReplicaId)));
        Assert.True(feed.IsFromElsewhere(new ChangeNotice(ChangeNotice.Catalog, null, "another")));
        Assert.True(feed.IsFromElsewhere(new ChangeNotice(ChangeNotice.Resync, null)));
    }

    [Fact]
    public void One_failing_subscriber_does_not_keep_the_others_from_the_notice()
    {
        var feed = new ChangeFeed(NullLogger<ChangeFeed>.Instance);
        var heard = 0;
        feed.Received += _ => throw new InvalidOperationException("broken subscriber");
        feed.Received += _ => heard++;

        feed.Deliver(new ChangeNotice(ChangeNotice.Catalog, null));

        Assert.Equal(1, heard);
    }
}
