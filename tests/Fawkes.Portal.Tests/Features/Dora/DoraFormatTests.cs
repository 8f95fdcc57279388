using Fawkes.Portal.Features.Dora.Pages;

namespace Fawkes.Portal.Tests.Features.Dora;

public sealed class DoraFormatTests
{
    [Theory]
    [InlineData(112.0, 100.0, true, "▲ 12 % vs previous 90 days", true)]
    [InlineData(80.0, 100.0, true, "▼ 20 % vs previous 90 days", false)]
    [InlineData(30.0, 60.0, false, "▼ 50 % vs previous 90 days", true)]
    [InlineData(100.0, 100.0, true, "• 0 % vs previous 90 days", true)]
    [InlineData(999.0, 100.0, true, "▲ 899 % vs previous 90 days", true)]
    [InlineData(1000.0, 100.0, true, "▲ 10× vs previous 90 days", true)]
    [InlineData(112.0, 1.0, true, "▲ 112× vs previous 90 days", true)]
    public void A_change_reads_as_a_percentage_and_from_ten_times_on_as_a_factor(double now, double before, bool higherIsBetter, string text, bool good)
    {
        Assert.Equal((text, good), DoraFormat.Change(now, before, higherIsBetter, 90));
    }

    [Theory]
    [InlineData(null, 10.0)]
    [InlineData(10.0, null)]
    [InlineData(10.0, 0.0)]
    public void Without_a_previous_value_there_is_no_change(double? now, double? before)
    {
        Assert.Null(DoraFormat.Change(now, before, higherIsBetter: true, 90));
    }
}
