"""Writers that turn domain data into CSV, Markdown and DOCX files."""
