using Fawkes.Portal.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace Fawkes.Portal.Tests.Identity;

public sealed class SignInModeTests
{
    [Theory]
    // environment, OAuth client, Portal:DevelopmentSignIn:Enabled → development sign-in, no browser sign-in, warn as outside Development
    [InlineData("Development", false, null, true, false, false)]
    [InlineData("Development", true, null, false, false, false)]
    [InlineData("Production", false, null, false, true, false)]
    [InlineData("Production", false, "false", false, true, false)]
    [InlineData("Production", false, "true", true, false, true)]
    [InlineData("Production", true, "true", false, false, false)]
    [InlineData("Staging", false, "True", true, false, true)]
    [InlineData("Testing", false, null, false, true, false)]
    public void Development_sign_in_needs_Development_or_the_explicit_flag_and_never_beats_OAuth(
        string environment, bool oauth, string? flag, bool devSignIn, bool none, bool outsideDevelopment)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [SignInMode.EnabledKey] = flag })
            .Build();

        var mode = SignInMode.From(configuration, new Environment(environment), oauth);

        Assert.Equal(devSignIn, mode.DevelopmentSignIn);
        Assert.Equal(none, mode.NoBrowserSignIn);
        Assert.Equal(outsideDevelopment, mode.DevelopmentSignInOutsideDevelopment);
    }

    [Fact]
    public void A_flag_that_is_not_a_boolean_stops_the_start_naming_the_setting()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [SignInMode.EnabledKey] = "yes" })
            .Build();

        var error = Assert.Throws<InvalidOperationException>(() => SignInMode.From(configuration, new Environment("Production"), false));
        Assert.Equal("Portal:DevelopmentSignIn:Enabled must be true or false; got 'yes'.", error.Message);
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "Fawkes.Portal";
        public string ContentRootPath { get; set; } = "/";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
