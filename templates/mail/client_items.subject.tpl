{{#ONE}}New in your {{FIRM_NAME}} client portal{{/ONE}}{{#MANY}}{{COUNT}} new items in your {{FIRM_NAME}} client portal{{/MANY}}
