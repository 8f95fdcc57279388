using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Fawkes.Portal.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DoraCommitCompare : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CommitsState",
                table: "dora_events",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "dora_commit_compares",
                columns: table => new
                {
                    Repository = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Base = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Head = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Shas = table.Column<string>(type: "text", nullable: false),
                    FetchedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dora_commit_compares", x => new { x.Repository, x.Base, x.Head });
                });

            migrationBuilder.CreateIndex(
                name: "IX_dora_events_CommitsState",
                table: "dora_events",
                column: "CommitsState");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dora_commit_compares");

            migrationBuilder.DropIndex(
                name: "IX_dora_events_CommitsState",
                table: "dora_events");

            migrationBuilder.DropColumn(
                name: "CommitsState",
                table: "dora_events");
        }
    }
}
