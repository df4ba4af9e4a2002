{{#ONE}}Client portal: {{WHAT}} in {{MATTER}}{{/ONE}}{{#MANY}}Client portal: {{COUNT}} new items from clients{{/MANY}}
