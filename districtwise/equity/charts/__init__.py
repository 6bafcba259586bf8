"""The equity audit's charts and the figures under them: ``draw`` turns Vega-Lite specs
(built with Altair) into accessible SVG on the server; ``labels`` names and formats the
figures in the district's words; ``panels`` turns the audit's tidy rows into the charts and
their table alternatives that the pages and the board report show."""
