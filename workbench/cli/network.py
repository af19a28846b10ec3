"""`workbench network`: analyse a two-mode list or an edge list, write tables, graphs and figures."""

from __future__ import annotations

from workbench.cli import CliError, cli_lang, h, positive_mb, say
from workbench.i18n import t

ORGS_SHOWN = 10  # organisations written more than one way named on the terminal; the rest in the file


def register(sub) -> None:
    """Add `workbench network INPUT [INPUT …] --output-dir DIR [--pseudonymise] [--seed N] [--lang ru|en]`.

    >>> import argparse
    >>> parser = argparse.ArgumentParser()
    >>> register(parser.add_subparsers(dest="command"))
    >>> args = parser.parse_args(["network", "in.csv", "--output-dir", "out", "--seed", "3"])
    >>> args.input, args.output_dir, args.pseudonymise, args.seed
    (['in.csv'], 'out', False, 3)
    """
    p = sub.add_parser(
        "network",
        help=h("cli_help_network"),
        description=h("cli_help_network_about"),
    )
    p.add_argument("input", metavar="INPUT", nargs="+", help=h("cli_help_network_input"))
    p.add_argument("--output-dir", required=True, metavar="DIR", help=h("cli_help_results_dir"))
    p.add_argument("--pseudonymise", "--pseudonymize", action="store_true",
                   help=h("cli_help_pseudonymise"))
    p.add_argument("--seed", type=int, default=0, help=h("cli_help_network_seed"))
    p.add_argument("--colour-by", "--color-by", dest="colour_by", default="community",
                   choices=("community", "territory", "sector"),
                   help=h("cli_help_colour_by"))
    p.add_argument("--max-mb", type=positive_mb, default=None, metavar="MB",
                   help=h("cli_help_max_mb"))
    p.add_argument("--lang", choices=["ru", "en"], default=None, help=h("cli_help_network_lang"))
    p.add_argument("--orgs", metavar="ORGS.csv", default=None, help=h("cli_help_network_orgs"))
    p.add_argument("--no-merge-orgs", dest="merge_orgs", action="store_false",
                   help=h("cli_help_network_no_merge_orgs"))
    p.set_defaults(func=cmd_network)


def cmd_network(args) -> int:
    from workbench.network.pipeline import run_network
    from workbench.network.tables import NetworkInputError

    try:
        summary = run_network(args.input, args.output_dir, pseudonymise=args.pseudonymise, seed=args.seed,
                              max_mb=args.max_mb, colour_by=args.colour_by, lang=args.lang or cli_lang(args),
                              orgs_path=args.orgs, merge_orgs=args.merge_orgs)
    except NetworkInputError as exc:
        raise CliError.of(exc) from exc
    except OSError as exc:  # the output folder cannot be made or written
        raise CliError("cli_cannot_write_to", path=args.output_dir, why=exc.strerror or exc) from None
    lang = cli_lang(args)
    notes = []
    if summary.get("spellings_merged"):
        notes.append(t("cli_network_merged", lang, merged=summary["spellings_merged"], people=summary["people"]))
    if summary.get("similar_names_left_apart"):
        notes.append(t("cli_network_similar", lang, n=summary["similar_names_left_apart"]))
    merged_orgs = summary.get("organisations_merged") or []
    for label, spellings in merged_orgs[:ORGS_SHOWN]:
        notes.append(t("cli_network_orgs_merged", lang, label=f"«{label}»", spellings=spellings))
    if len(merged_orgs) > ORGS_SHOWN:
        notes.append(t("cli_network_orgs_more", lang, n=len(merged_orgs) - ORGS_SHOWN,
                       file="organisations_merged.csv"))
    generic = summary.get("generic_organisations") or []
    if generic:
        shown = ", ".join(f"«{name}» ({rows})" for name, rows in generic[:ORGS_SHOWN])
        notes.append(t("cli_network_generic_orgs", lang, names=shown + (", …" if len(generic) > ORGS_SHOWN else "")))
    if summary.get("projection_backbone"):
        notes.append(t("cli_network_backbone", lang, edges=summary["edges"], full=summary["projection_full_edges"]))
    if summary.get("unknown_sectors"):
        from workbench.network.tables import unknown_sectors_text
        from workbench.session.model import SECTORS

        unknown = summary["unknown_sectors"]
        notes.append(t("cli_network_unknown_sectors", lang, n=sum(unknown.values()),
                       values=unknown_sectors_text(unknown, lang),
                       known=", ".join(t(f"sector_{s}", lang) for s in SECTORS)))
    if summary.get("betweenness_approximate"):
        notes.append(t("cli_network_sampled", lang, n=summary["betweenness_sources"]))
    say(args, "cli_network_done", nodes=summary["nodes"], edges=summary["edges"], communities=summary["communities"],
        files=len(summary["files"]), output=args.output_dir)
    for note in notes:
        say(args, "cli_note", text=note)
    return 0
