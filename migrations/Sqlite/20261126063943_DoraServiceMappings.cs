using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fawkes.Portal.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DoraServiceMappings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dora_service_mappings",
                columns: table => new
                {
                    FromKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Component = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    MappedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    MappedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dora_service_mappings", x => x.FromKey);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dora_service_mappings");
        }
    }
}
