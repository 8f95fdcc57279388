using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fawkes.Portal.Migrations.Postgres
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
                    FromKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Component = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    MappedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    MappedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
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
