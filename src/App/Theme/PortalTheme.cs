using MudBlazor;

namespace Fawkes.Portal.App.Theme;

/// <summary>The one Fawkes theme definition: phoenix orange on slate. No colours anywhere else.</summary>
public static class PortalTheme
{
    /// <summary>Chart colours (Plotly draws on a canvas, outside the CSS theme): readable on light and dark backgrounds.</summary>
    public static class Chart
    {
        public const string Text = "#94A3B8";
        public const string Grid = "rgba(148, 163, 184, 0.25)";
        public const string Bars = "#0F766E";
        public const string Line = "#F97316";
    }

    public static MudTheme Create() => new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#C2410C",
            PrimaryContrastText = "#FFFFFF",
            Secondary = "#0F766E",
            Tertiary = "#6D28D9",
            AppbarBackground = "#0F172A",
            AppbarText = "#F8FAFC",
            Background = "#F8FAFC",
            Surface = "#FFFFFF",
            DrawerBackground = "#FFFFFF",
            DrawerText = "#1E293B",
            DrawerIcon = "#475569",
            TextPrimary = "#0F172A",
            TextSecondary = "#475569",
            LinesDefault = "#E2E8F0",
            TableLines = "#E2E8F0",
            Success = "#15803D",
            Warning = "#B45309",
            Error = "#B91C1C",
            Info = "#1D4ED8",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#FB923C",
            PrimaryContrastText = "#0F172A",
            Secondary = "#2DD4BF",
            Tertiary = "#A78BFA",
            AppbarBackground = "#020617",
            AppbarText = "#F1F5F9",
            Background = "#0B1120",
            Surface = "#111827",
            DrawerBackground = "#0F172A",
            DrawerText = "#E2E8F0",
            DrawerIcon = "#94A3B8",
            TextPrimary = "#F1F5F9",
            TextSecondary = "#94A3B8",
            LinesDefault = "#1F2937",
            TableLines = "#1F2937",
            Success = "#4ADE80",
            Warning = "#FBBF24",
            Error = "#F87171",
            Info = "#60A5FA",
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px", DrawerWidthLeft = "240px" },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}
