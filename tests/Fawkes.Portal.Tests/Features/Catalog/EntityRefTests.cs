using Fawkes.Portal.Features.Catalog.Model;

namespace Fawkes.Portal.Tests.Features.Catalog;

public sealed class EntityRefTests
{
    [Theory]
    [InlineData("payments-team", "Group", "default", "group:default/payments-team")]
    [InlineData("user:amara", "Group", "default", "user:default/amara")]
    [InlineData("ops/sre", "Group", "default", "group:ops/sre")]
    [InlineData("component:ops/vault", null, "default", "component:ops/vault")]
    [InlineData("payments", "System", "commerce", "system:commerce/payments")]
    [InlineData("API:Payments-API", null, "default", "api:default/payments-api")]
    public void TryParse_applies_per_field_defaults(string text, string? defaultKind, string ns, string expectedKey)
    {
        Assert.True(EntityRef.TryParse(text, defaultKind, ns, out var r, out _));
        Assert.Equal(expectedKey, r.Key);
    }

    [Theory]
    [InlineData("payments-db", null, "has no kind")]
    [InlineData("", "Group", "empty")]
    [InlineData("group:a/b/c", null, "malformed")]
    [InlineData("group:", null, "malformed")]
    public void TryParse_explains_what_is_wrong(string text, string? defaultKind, string expected)
    {
        Assert.False(EntityRef.TryParse(text, defaultKind, "default", out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Refs_compare_case_insensitively_and_keep_their_case_for_display()
    {
        var a = new EntityRef("Component", "default", "Payments-API");
        var b = EntityRef.Parse("component:default/payments-api");

        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal("component:default/Payments-API", a.ToString());
    }
}
